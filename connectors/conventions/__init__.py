"""Value conventions of the clusters' exports (dates, fees, yes/no, their own words) and mapping."""
from .dates import iso_date, parse_date, parse_days, parse_year
from .fees import Fee, fee_document, parse_fee
from .flags import parse_flag, sharing_scope
from .terms import TermMap, split_words

__all__ = ["Fee", "TermMap", "fee_document", "iso_date", "parse_date", "parse_days", "parse_fee",
           "parse_flag", "parse_year", "sharing_scope", "split_words"]
