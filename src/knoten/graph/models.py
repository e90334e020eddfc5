"""What the analysis of a network's graph found, stored so that pages read it at once.

The analysis (``knoten.graph.analysis.refresh_analysis``) runs in the background over the
whole graph; a change notice only marks it stale. One :class:`GraphAnalysis` per network
says when it last ran; each person has a :class:`GraphPlace` (their cluster and
betweenness, which the drawing colours by); each member has an :class:`EgoAnalysis`
(what depends on who *me* is: the comfort zone, worth meeting, the bridges) and their
ranked :class:`MultiplierScore` rows.
"""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member, NetworkScoped


class GraphAnalysis(NetworkScoped):
    """The last analysis of a network's graph: when, on what, and whether it is stale."""

    computed_at = models.DateTimeField()
    stale = models.BooleanField(default=False)
    seconds = models.FloatField(default=0.0)  # how long the last refresh took
    persons = models.PositiveIntegerField(default=0)  # nodes: persons not archived
    links = models.PositiveIntegerField(default=0)
    clusters = models.JSONField(default=list)  # [{"number", "size", "label", "kind"}]
    sample = models.PositiveIntegerField(default=0)  # betweenness sources (0: all)

    class Meta:
        verbose_name_plural = "graph analyses"
        constraints = [models.UniqueConstraint(fields=["network"], name="one_analysis")]

    def __str__(self) -> str:
        return f"analysis of network {self.network_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class GraphPlace(NetworkScoped):
    """A person's place in the graph: their cluster and how much lies between others."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    cluster = models.IntegerField()  # GraphAnalysis.clusters' number; -1 alone
    betweenness = models.FloatField(default=0.0)  # share of shortest paths through them
    degree = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["network", "cluster"], name="graph_place_cluster")]

    def __str__(self) -> str:
        return f"person {self.person_id} in cluster {self.cluster}"


class EgoAnalysis(NetworkScoped):
    """What the last analysis found from one member's point of view."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField()
    comfort = models.JSONField(default=dict)  # the splits, trends and months
    worth_meeting = models.JSONField(default=list)
    bridges = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"analysis for member {self.member_id}"


class MultiplierScore(NetworkScoped):
    """One of a member's multipliers: ranked, with what makes them one."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    betweenness = models.FloatField(default=0.0)
    degree = models.PositiveIntegerField(default=0)
    reach = models.PositiveIntegerField(default=0)  # circles and organisations only via them
    reach_names = models.JSONField(default=list)  # the first few of them, by name
    role = models.CharField(max_length=20, blank=True)  # journalist, chair, organiser, …
    role_title = models.CharField(max_length=200, blank=True)  # the title it was read from

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["member", "person"], name="multiplier_once"),
        ]
        indexes = [models.Index(fields=["member", "rank"], name="multiplier_rank")]

    def __str__(self) -> str:
        return f"#{self.rank} person {self.person_id} ({self.score:.2f})"


class ComfortGoal(NetworkScoped):
    """How many new contacts a month a member means to make."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+")
    per_month = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.per_month} new contacts a month"
