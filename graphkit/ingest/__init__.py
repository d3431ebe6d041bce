"""Reading a dataset folder and validating it into a :class:`graphkit.schema.model.Dataset`."""
