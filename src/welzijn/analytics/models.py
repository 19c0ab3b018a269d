"""No tables of its own: the views are made by `schema.refresh` (post_migrate needs this
module to send the app its signal)."""
