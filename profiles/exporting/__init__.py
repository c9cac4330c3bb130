"""The catalogue as data: story records as the catalogue now holds them, and dumps of them.

``records`` builds a story's current record (editors' corrections win over the
stored extraction record); ``dumps`` writes every story as JSON Lines, CSV or
JSON-LD in constant memory; ``loading`` lets ``loadstories --records`` import
such a JSON Lines dump as it is, without extracting again.
"""
