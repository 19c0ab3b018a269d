"""The OpenAPI schema's operations, described for the API's users only."""

from drf_spectacular.openapi import AutoSchema


class ApiSchema(AutoSchema):
    """drf-spectacular describes an operation by its view's docstrings, which here speak to
    developers ("calls the web's service"). An operation gets a description only where its
    `extend_schema` gives one; its summary says what it does."""

    def get_description(self) -> str:
        return ""
