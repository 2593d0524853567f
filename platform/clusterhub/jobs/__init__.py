"""Background jobs: RQ on Redis when REDIS_URL is set, else worker threads in this process.

A job is a function named by its dotted path with keyword arguments (plain values), so it can
travel through Redis to `clusterhub jobs worker` on another machine. Both backends run it inside
an app context. Jobs: syncs (sync/background.py), mail delivery (inquiries/mail.py) and
escalations (inquiries/escalation.py). See docs/deployment.md.
"""
from .queue import Jobs, RQJobs, ThreadJobs, current, init_app

__all__ = ["Jobs", "RQJobs", "ThreadJobs", "current", "init_app"]
