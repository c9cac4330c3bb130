"""The OpenAPI description of the API's errors, which drf-spectacular leaves out by default."""

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "type": "object",
    "description": "Each refused parameter with its reasons, or `detail`.",
    "additionalProperties": True,
}


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


class CatalogueAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        responses.setdefault("400", _error("A parameter names nothing or is malformed (a filter, the cursor)."))
        if not self._is_list_view():
            responses.setdefault("404", _error("No record has this slug."))
        responses.setdefault("429", _error("Too many requests: wait the seconds `Retry-After` says."))
        return responses
