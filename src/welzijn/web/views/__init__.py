"""Pages of the workplace, one module per part of the work. Every read and write goes
through selectors and service functions, so access checks and the audit trail apply as
everywhere else."""
