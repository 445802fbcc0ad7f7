"""Parsers of sanctions list files into one shape (ParsedList of ParsedEntry), so that other
lists (EU, OFAC) are other parsers of the same model. `PARSERS[key](data) -> ParsedList`, the
key stored on SanctionsList.parser."""

from accord.diligence.parsers.base import ListFileError, ParsedEntry, ParsedList, ParsedName
from accord.diligence.parsers.un_sc import parse_un_sc

PARSERS = {"un_sc_xml": parse_un_sc}

__all__ = ["PARSERS", "ListFileError", "ParsedEntry", "ParsedList", "ParsedName"]
