"""Availability: weekends, public holidays, operator blocks, feed blocks and booked hours."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from clusterhub import db
from clusterhub.errors import Conflict, Forbidden, Invalid
from clusterhub.reservations import bookings, calendar, feeds
from clusterhub.reservations.models import CalendarBlock
from connectors.base import SourceUnavailable
from connectors.readers import ical_feed
from .conftest import A, EQUIPMENT, FEED, FEED_URL, who, working_day

ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cluster booking//EN\r\n"
       b"BEGIN:VEVENT\r\nUID:a1\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:LC-MS internal run\r\nEND:VEVENT\r\n"
       b"BEGIN:VEVENT\r\nUID:a2\r\nDTSTART;VALUE=DATE:%s\r\nSUMMARY:PM\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
       b"END:VCALENDAR\r\n")


def test_holidays_and_weekends_close_days(rworld):
    with rworld.app_context(), db.session() as s:
        days = {d.day: d for d in calendar.days(s, EQUIPMENT, A, date(2026, 9, 21), 14)}
    assert days[date(2026, 9, 25)].state == "holiday" and days[date(2026, 9, 25)].holiday == "추석"
    assert days[date(2026, 9, 27)].state == "closed"  # a Sunday
    assert days[date(2026, 9, 22)].state == "free" and days[date(2026, 9, 22)].free_hours == list(range(9, 18))


def test_operator_blocks_take_hours_and_days(rworld):
    d = working_day()
    operator = who(rworld, "operator_a")
    with rworld.app_context(), db.session() as s:
        calendar.add_block(s, operator, EQUIPMENT, first=d, last=d, start_hour=9, end_hour=12, kind="maintenance")
        calendar.add_block(s, operator, EQUIPMENT, first=d + timedelta(days=1), last=d + timedelta(days=1),
                           start_hour=0, end_hour=24, kind="internal")
    with rworld.app_context(), db.session() as s:
        days = {x.day: x for x in calendar.days(s, EQUIPMENT, A, d, 2)}
    assert days[d].state == "partial" and days[d].taken == {9: "maintenance", 10: "maintenance", 11: "maintenance"}
    nxt = days[d + timedelta(days=1)]
    assert nxt.state in ("full", "holiday", "closed") and not nxt.free_hours


def test_only_the_clusters_operator_blocks_and_bad_blocks_name_the_field(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        with pytest.raises(Forbidden):
            calendar.add_block(s, who(rworld, "operator_b"), EQUIPMENT, first=d, last=d, start_hour=9,
                               end_hour=10, kind="maintenance")
        with pytest.raises(Invalid) as bad:
            calendar.add_block(s, who(rworld, "operator_a"), EQUIPMENT, first=d, last=d - timedelta(days=1),
                               start_hour=12, end_hour=10, kind="party")
    assert {e["path"] for e in bad.value.errors} == {"kind", "end_hour", "last"}


def test_a_block_over_a_confirmed_slot_is_refused(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        r = bookings.ask(s, who(rworld, "member"), EQUIPMENT, [bookings.Slot(d, 13, 15)], mode="self_use")
    with rworld.app_context(), db.session() as s:
        bookings.confirm(s, who(rworld, "operator_a"), r.id)
    with rworld.app_context(), db.session() as s, pytest.raises(Conflict) as clash:
        calendar.add_block(s, who(rworld, "operator_a"), EQUIPMENT, first=d, last=d, start_hour=14,
                           end_hour=16, kind="maintenance")
    assert f"#{r.id}" in clash.value.message and "14:00" in clash.value.message


def test_a_feed_blocks_its_busy_hours_in_korean_time(rworld):
    d = working_day()
    start = datetime(d.year, d.month, d.day, 1, 30, tzinfo=timezone.utc)  # 10:30 KST
    content = ICS % (start.strftime("%Y%m%dT%H%M%SZ").encode(), (start + timedelta(hours=2)).strftime(
        "%Y%m%dT%H%M%SZ").encode(), d.strftime("%Y%m%d").encode())
    with rworld.app_context(), db.session() as s:
        assert feeds.configured(s) == [(FEED, FEED_URL)]
        [feed] = feeds.read_all(s, fetch=lambda url: ical_feed.parse(content, location=url))
        assert feed.events == 1 and feed.error == ""
    with rworld.app_context(), db.session() as s:
        day = calendar.days(s, FEED, A, d, 1)[0]
    assert day.taken == {10: "feed", 11: "feed", 12: "feed"}  # 10:30–12:30 touches three hours


def test_a_broken_feed_is_recorded_and_keeps_the_blocks_it_had(rworld):
    d = working_day()
    with rworld.app_context(), db.session() as s:
        s.add(CalendarBlock(listing_id=FEED, day=d, start_hour=9, end_hour=10, kind="feed", source="feed"))

    def down(url):
        raise SourceUnavailable("connection failed (refused)", location=f"calendar {url}")

    with rworld.app_context(), db.session() as s:
        feed = feeds.read(s, FEED, FEED_URL, fetch=down)
    assert "connection failed" in feed.error and feed.ok_at is None
    with rworld.app_context(), db.session() as s:
        assert calendar.days(s, FEED, A, d, 1)[0].taken == {9: "feed"}
        feed = feeds.read(s, FEED, FEED_URL, fetch=lambda url: ical_feed.parse(b"not a calendar", location=url))
    assert "not an iCalendar file" in feed.error


def test_the_listing_page_shows_eight_weeks_without_javascript(rworld):
    html = rworld.test_client().get(f"/listings/{EQUIPMENT}").get_data(as_text=True)
    assert 'class="reservation-calendar"' in html
    assert html.count('class="cal-day') >= 56
    assert "<script" not in html.split('class="reservation-calendar"')[1].split("</section>")[0]


def test_the_read_command_reports_a_broken_feed_and_fails(rworld):
    # Nothing answers on the feed's port: the feed is broken, the command says so and exits 1.
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from clusterhub.cli import main

    result = CliRunner().invoke(main, ["calendars", "read", "--cluster", A], obj=ScriptInfo(create_app=lambda: rworld))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"{FEED}: FAILED") and "connection failed" in result.output
    with rworld.app_context(), db.session() as s:
        assert feeds.status(s, FEED).error
