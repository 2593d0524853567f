"""Locust users for bench/load_bench.py: anonymous mixed traffic and three logged-in roles.

Anonymous traffic is 45 % JSON searches, 40 % search pages and 15 % listing pages. Queries are a
long tail of one- or two-word queries drawn from listing titles (LOAD_WORDS, a JSON file the
bench writes from the demo catalog); a third carry a cluster filter. Logged-in users (a company,
an operator, a curator) log in through the form with its CSRF token and walk their pages.
Which users run is chosen by the bench with LOAD_PROFILE (anonymous | members).

The users are FastHttpUser (geventhttpclient), not HttpUser (python-requests): the load generator
shares the 2 cores with the server, and requests' client cost about 1 ms of CPU per request that
the server then could not use (bench/request_profile.py measures the server's side alone).
"""
from __future__ import annotations

import json
import os
import random
import re

from locust import FastHttpUser, between, task

DATA = json.loads(open(os.environ["LOAD_WORDS"], encoding="utf-8").read())
WORDS, CLUSTERS, LISTINGS = DATA["words"], DATA["clusters"], DATA["listings"]
PROFILE = os.environ.get("LOAD_PROFILE", "anonymous")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def query() -> dict:
    """A query from the long tail: one or two title words, a third with a cluster filter."""
    words = random.sample(WORDS, random.choice((1, 1, 2)))
    params = {"q": " ".join(words)}
    if random.random() < 1 / 3:
        params["cluster"] = random.choice(CLUSTERS)
    return params


class Anonymous(FastHttpUser):
    weight = 1 if PROFILE == "anonymous" else 0
    wait_time = between(0.0, 0.05)

    @task(45)
    def json_search(self):
        self.client.get("/api/v1/search", params=query(), name="GET /api/v1/search")

    @task(40)
    def search_page(self):
        self.client.get("/search", params=query(), name="GET /search")

    @task(15)
    def listing_page(self):
        self.client.get(f"/listings/{random.choice(LISTINGS)}", name="GET /listings/<id>")


class Member(FastHttpUser):
    abstract = True
    email = ""
    wait_time = between(0.5, 1.5)  # people read what they get

    def on_start(self):
        page = self.client.get("/login", name="GET /login").text
        token = TOKEN.search(page).group(1)
        self.client.post("/login", data={"email": self.email, "password": PASSWORD,
                                         "csrf_token": token}, name="POST /login")


class Company(Member):
    weight = 2 if PROFILE == "members" else 0
    email = "company@load.example"

    @task(3)
    def search_and_add(self):
        self.client.get("/search", params=query(), name="GET /search (member)")
        listing = random.choice(LISTINGS)
        # The listing page carries the add-to-basket form (an empty basket page has no form).
        found = TOKEN.search(self.client.get(f"/listings/{listing}", name="GET /listings/<id> (member)").text)
        self.client.post("/basket/add", data={"listing_id": listing,
                                              "csrf_token": found.group(1) if found else ""},
                         name="POST /basket/add")

    @task(1)
    def send_request(self):
        page = self.client.get("/basket", name="GET /basket").text
        found = TOKEN.search(page)
        if 'name="need"' not in page or not found:  # an empty basket has no request form
            return
        token = found.group(1)
        self.client.post("/requests", data={"need": "LC-MS/MS 정량 분석 의뢰 (부하 시험)",
                                            "timeline": "3개월", "budget": "under_10m",
                                            "consent": "1", "csrf_token": token},
                         name="POST /requests")

    @task(2)
    def my_requests(self):
        self.client.get("/my/requests", name="GET /my/requests")


class Operator(Member):
    weight = 1 if PROFILE == "members" else 0
    email = "operator@load.example"

    @task(2)
    def inbox(self):
        self.client.get("/inbox", name="GET /inbox")

    @task(1)
    def console(self):
        self.client.get("/operator/kmedihub", name="GET /operator/<code>")


class Curator(Member):
    weight = 1 if PROFILE == "members" else 0
    email = "curator@load.example"

    @task
    def dashboard(self):
        self.client.get("/dashboard", name="GET /dashboard")
