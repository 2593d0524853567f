"""What a sync run (or a record's issue) says, as a code with parameters.

The engine stores the code and its params on the run (sync_runs.code, .params) beside the English
text, which the CLI and the logs read; pages show the code's template in the reader's language
(web/labels.run_message). A run from before migration 0010 has no code: its text is shown as
stored. Parameters are plain JSON values; counts keep the English text's own formatting.
"""
from __future__ import annotations

from typing import Callable, Mapping

from ..errors import fill
from ..messages import N_

TEXTS = {
    "sync.succeeded": N_("%(changed)s change(s) applied."),
    "sync.nothing_changed": N_("Nothing changed at the source."),
    "sync.dry_run": N_("Dry run: nothing was changed."),
    "sync.guard": N_("Stopped: this run would withdraw %(gone)s of %(active)s published listings "
                     "(%(share)s), more than the %(guard)s guard. Nothing was changed."),
    "sync.guard_kind": N_("Stopped: this run would withdraw %(gone)s of %(published)s published "
                          "%(kind)s listings (%(share)s), more than the %(guard)s guard for one "
                          "kind. Nothing was changed."),
    "sync.kind_vanished": N_("Stopped: this run read no %(kind)s listings at all, where "
                             "%(published)s are published; it would withdraw every one of them. "
                             "Nothing was changed."),
    "sync.all_failed": N_("Every one of the %(seen)s records read has an issue, so nothing was "
                          "changed. Fix the issues listed below and sync again."),
    "sync.unreadable": N_("The source could not be read, so nothing was changed. %(reason)s"),
    "sync.rolled_back": N_("The sync failed and was rolled back: %(reason)s"),
    "sync.out_of_memory": N_("The sync failed and was rolled back: the server ran out of memory "
                             "reading the source"),
    "sync.could_not_start": N_("The sync could not start: %(reason)s"),
    "sync.failed": N_("The sync failed: %(reason)s"),
    "sync.cancelled": N_("Cancelled before it finished, so nothing was changed."),
    "sync.cancelled_waiting": N_("Cancelled before it started, so nothing was changed."),
    # A record's issue: a word no mapping of the vocabulary covers (connectors' UnknownTerm).
    "sync.unknown_term": N_("unknown %(vocabulary)s term “%(term)s”; this cluster's terms are: "
                            "%(known)s"),
}
# How to confirm a stopped run, by what started it (a page, the push API, else the CLI).
CONFIRM = {
    "push": N_('If the source really shrank, send the batch again with '
               '"allow_mass_withdrawal": true.'),
    "console": N_("If the source really shrank, confirm with “Withdraw anyway” on this run's "
                  "page."),
}
CONFIRM_CLI = N_("If the source really shrank, run again with --allow-mass-withdrawal.")
GUARDS = ("sync.guard", "sync.guard_kind", "sync.kind_vanished")
GROUPED = ("gone", "active", "published")  # counts the English text writes as 1,234

Text = Callable[[str, Mapping | None], str]


def sentences(code: str, params: Mapping | None) -> list[tuple[str, dict]]:
    """The (template, params) of each sentence of a code's message, in order."""
    shown = {k: f"{v:,}" if k in GROUPED and isinstance(v, int) else v
             for k, v in (params or {}).items()}
    out = [(TEXTS[code], shown)]
    if code in GUARDS:
        out.append((CONFIRM.get(shown.get("trigger"), CONFIRM_CLI), {}))
    return out


def render(code: str, params: Mapping | None, text: Text = fill,
           kind: Callable[[str], str] = str) -> str:
    """The message of code with params: in English by default; text(template, params)
    translates (responses.translate), kind(code) names a listing kind in the same language."""
    parts = []
    for template, values in sentences(code, params):
        if "kind" in values:
            values = {**values, "kind": kind(values["kind"])}
        parts.append(text(template, values or None))
    return " ".join(parts)


def english(code: str, params: Mapping | None = None) -> str:
    return render(code, params)


def known(code: str | None) -> bool:
    return code in TEXTS
