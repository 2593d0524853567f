"""Development pathways: templates of stages, the planner across clusters, pathway requests."""
