"""One router per resource, each with its prefix and tags; handlers parse, call one service, return JSON."""
