"""Forms of the workplace, one module per part of the work (see `common` for what they share)."""
