"""The built-in rules, as a table: code, title, severity, origin, rationale, check.

The reference page ``docs/validation.rst`` is generated from this table, so the
docs say what the code does. Codes are stable: a rule that is withdrawn keeps
its code retired, never reused. Hundreds group the rules by topic:

* ``TR1xx`` continuity, ``TR2xx`` flame lineage, ``TR3xx`` physics,
* ``TR4xx`` data quality, ``TR5xx`` people and sponsors, ``TR6xx`` the relay's frame.
"""

from __future__ import annotations

from ._report import Severity
from ._rule import Origin, Rule
from ._rules import continuity, custody, flame, frame, people, physics, quality

__all__ = ["CATALOGUE", "PLACEHOLDER_NOTE"]

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741
PLACEHOLDER_NOTE = "Times of precision ``day`` or ``approximate`` are placeholders, not evidence"
_LOWERED = (
    f" {PLACEHOLDER_NOTE}: where either leg has them, the finding is information, not an error."
)
_SKIPPED = f" {PLACEHOLDER_NOTE}: legs with them are skipped."

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "TR101",
        "Gap in space between legs",
        E,
        "Each leg starts where the leg before it in the same line ended: the end of its path, "
        "else its destination. A flame cannot jump, so a gap means a missing leg or a wrong "
        "coordinate. The tolerance depends on the two legs' media (see "
        ":attr:`Policy.continuity_tolerance_km`): a few kilometres on the ground, tens for "
        "the air, as airports lie outside the cities they serve; legs in space have no ground "
        "position and are not compared. The finding gives the gap in kilometres.",
        Origin.PHYSICS,
        continuity.check_space_gaps,
    ),
    Rule(
        "TR102",
        "Leg departs before the previous one arrives",
        E,
        "Legs in one line run one after the other: a leg that departs before the one before it "
        "arrives puts the flame in two places. The finding gives the overlap." + _LOWERED,
        Origin.PHYSICS,
        continuity.check_time_overlaps,
    ),
    Rule(
        "TR103",
        "Long gap in time between legs",
        I,
        "A wait between consecutive legs longer than :attr:`Policy.max_time_gap_h` is reported "
        "with its length and any declared rest days in it, so that missing legs stand out. "
        "Waits are normal (the flame rests in a lantern overnight), so this is information.",
        Origin.DATA,
        continuity.check_time_gaps,
    ),
    Rule(
        "TR104",
        "Branch leaves from a leg elsewhere or later",
        E,
        "A branch that names the main-line leg it leaves from (:attr:`Branch.leaves_from`) takes "
        "its flame there: its first leg starts within the continuity tolerance of that leg's "
        "start or end, and not before that leg departs. A start too far away is an error "
        "whatever the times." + _LOWERED,
        Origin.PHYSICS,
        continuity.check_branch_departure,
    ),
    Rule(
        "TR105",
        "Branch returns after its rejoining leg",
        W,
        "A branch that names the main-line leg it rejoins (:attr:`Branch.rejoins_at`) is back "
        "by the time that leg ends: its last leg arrives no later. Where it comes back is not "
        "judged, as the carriage back is often not recorded (the Sochi torch landed in "
        "Kazakhstan and lit the cauldron in Sochi three months later)." + _LOWERED,
        Origin.ORGANISERS,
        continuity.check_branch_return,
    ),
    Rule(
        "TR201",
        "Flame of unknown source",
        W,
        "Every lighting names where its flame came from, so that the flame can be traced back "
        "to Olympia. A burning leg lit from :attr:`FlameSource.UNKNOWN`, or a relighting from "
        "an unknown source, breaks the trace. Unlit legs (the spacewalk) need no source.",
        Origin.CHARTER,
        flame.check_unknown_source,
    ),
    Rule(
        "TR202",
        "Lit from a leg that holds no flame",
        E,
        "A leg lit from the previous leg (:attr:`FlameSource.PREVIOUS`) takes its flame from the "
        "leg before it in its line, or for a branch's first leg from the main-line leg it "
        "leaves from. If that leg's torch is unlit there is no flame to take.",
        Origin.PHYSICS,
        flame.check_previous_source,
    ),
    Rule(
        "TR203",
        "Flame lineage starts outside the data",
        W,
        "A leg names a source the relay does not hold: the previous leg or cauldron of a main "
        "line's first leg, a branch that does not say which main-line leg it leaves from, or a "
        "lantern when no earlier main-line leg holds a flame. The data may simply start "
        "mid-way; the lineage is then not recorded.",
        Origin.DATA,
        flame.check_missing_source,
    ),
    Rule(
        "TR204",
        "Lit from a lantern before the flame existed",
        E,
        "A lantern holds a copy of the Olympic flame only once the main line's flame has been "
        "lit: a leg lit from a lantern before the first burning main-line leg departs cannot "
        "hold the Olympic flame." + _LOWERED,
        Origin.CHARTER,
        flame.check_lantern_source,
    ),
    Rule(
        "TR205",
        "Lit from a cauldron that is not there",
        E,
        "A leg lit from a cauldron (:attr:`FlameSource.CAULDRON`) takes its flame from the leg "
        "before it, which must be a cauldron (:attr:`FlameState.CAULDRON`), as the flight to "
        "Moscow took the flame from the cauldron of the handover in Athens.",
        Origin.PHYSICS,
        flame.check_cauldron_source,
    ),
    Rule(
        "TR206",
        "Lit from the sun after the start",
        W,
        "The Olympic flame is lit once, from the sun's rays at Olympia: only the main line's "
        "first leg may name :attr:`FlameSource.SUN`. A later lighting from the sun makes a new "
        "flame, not the Olympic one.",
        Origin.CHARTER,
        flame.check_sun_source,
    ),
    Rule(
        "TR207",
        "Lit from a lighter",
        E,
        "A leg lit from a lighter or match (:attr:`FlameSource.LIGHTER`) does not carry the "
        "Olympic flame; organisers relight from a lantern copy instead.",
        Origin.CHARTER,
        flame.check_lighter,
    ),
    Rule(
        "TR208",
        "Relit from a lighter",
        W,
        "The flame went out on the leg and was relit from a lighter (a :class:`Relight` from "
        ":attr:`FlameSource.LIGHTER`), as a guard did once in Sochi in 2013. What happened is "
        "recorded, so this is a warning: from then on the torch did not carry the Olympic "
        "flame until relit from a lantern.",
        Origin.CHARTER,
        flame.check_lighter_relights,
    ),
    Rule(
        "TR209",
        "Torch lit in two places at once",
        E,
        "The organisers' integrity principle: the main flame burns in one torch at a time (the "
        "North Pole voyage ran overnight while the main relay rested). Lit-torch legs of the "
        "main line, and of branches that take the main flame itself (lit from the previous "
        "leg, leaving from a main-line leg), must not overlap in time. Branches lit from "
        "lantern copies may burn at the same time (TR210). Intervals are sorted once, so the "
        "check is linear after sorting." + _LOWERED,
        Origin.ORGANISERS,
        flame.check_integrity,
        reference="https://rosatomnewsletter.com/2013/11/12/with-olympic-speed",
    ),
    Rule(
        "TR210",
        "Branch carries a lantern copy",
        I,
        "A branch whose first flame is lit from a lantern carries a copy of the Olympic flame, "
        "which may burn while the main torch is lit elsewhere, as on Sochi's special projects. "
        "This is allowed and reported for information.",
        Origin.ORGANISERS,
        flame.check_branch_copies,
    ),
    Rule(
        "TR211",
        "Torch lit from a copy while another torch burns",
        W,
        "A lantern copy may travel beside the main flame (TR210), but the organisers light no "
        "torch from it while a torch burns elsewhere: the flame burns in one place at a time, "
        "so the Sochi 2014 North Pole relay began only after Yaroslavl's last torchbearer. A "
        "lit-torch leg of a branch lit from a lantern must not overlap in time a lit-torch leg "
        "of another line (two main-flame torches are TR209's, two legs of one line TR102's). "
        "The finding names both legs and the overlap." + _LOWERED,
        Origin.ORGANISERS,
        custody.check_copy_torches,
        reference=(
            "https://rosatom-centralasia.com/en/press-centre/highlights/"
            "the-sochi-2014-olympic-torch-lights-up-the-north-pole-23/"
        ),
    ),
    Rule(
        "TR301",
        "Speed outside the mode's range",
        E,
        "A leg's average speed, its :meth:`~torchrelay.Leg.distance` over its duration, lies "
        "outside its mode's plausible range in :data:`MODE_TABLE` (a runner at 300 km/h). "
        "Distances without a path are straight lines, which no route beats, so the speed is a "
        "lower bound and the rule cannot fire wrongly on them. A speed beyond orbit is TR302 "
        "instead." + _SKIPPED,
        Origin.PHYSICS,
        physics.check_speed,
    ),
    Rule(
        "TR302",
        "Faster than orbit",
        E,
        "Nothing but a spacecraft travels faster than a low Earth orbit, about 7.9 km/s "
        "(:attr:`Policy.orbital_speed_kmh`); a leg on the ground, on water or in the air that "
        "does has wrong times or places, whatever its mode." + _SKIPPED,
        Origin.PHYSICS,
        physics.check_orbital_speed,
    ),
    Rule(
        "TR303",
        "Jump between path points",
        W,
        "Consecutive timed points of a path that are further apart than the leg's mode can go "
        "in the time between them (capped at orbital speed on Earth): usually a GPS outlier. "
        "Reported once a leg, with the number of such steps and the first. Path times are "
        "measured, not placeholders, so the leg's precision does not matter here.",
        Origin.DATA,
        physics.check_point_jumps,
    ),
    Rule(
        "TR304",
        "Altitude impossible for the mode",
        E,
        "An origin, destination or path point at an altitude the leg's medium cannot reach: a "
        "ground or water leg above :attr:`Policy.max_ground_altitude_m` (a train at 9,000 m), "
        "an air leg above :attr:`Policy.max_air_altitude_m`, a leg under water above its "
        "surface or deeper than a diver goes (judged only for altitudes measured from the "
        "water surface). The limits are coarse enough that the reference of an altitude "
        "(sea level, ellipsoid) does not matter.",
        Origin.PHYSICS,
        physics.check_altitude,
    ),
    Rule(
        "TR305",
        "Open flame where none can burn",
        E,
        "A lit torch or cauldron travels only by modes where an open flame can burn "
        "(:attr:`TransportMode.open_flame`): not in a plane, a helicopter or a spacecraft, "
        "where it goes in a lantern. Nothing burns in space, so a torch there must be unlit, "
        "as on the Sochi spacewalk. Flames under water are TR306.",
        Origin.PHYSICS,
        physics.check_flame_medium,
        reference="https://olympics.com/en/news/sochi-2014-olympic-torch-makes-historic-space-walk",
    ),
    Rule(
        "TR306",
        "Flame under water that is not a flare",
        E,
        "Only a flare (:attr:`FlameState.FLARE`) burns under water, as in the Sydney 2000 reef "
        "dive and the Lake Baikal dive in 2013; a torch or lantern there would go out.",
        Origin.PHYSICS,
        physics.check_underwater_flame,
    ),
    Rule(
        "TR307",
        "Distance covered in no time",
        E,
        "A leg that departs and arrives at the same instant but covers more than the "
        "continuity tolerance of its medium (:attr:`Policy.continuity_tolerance_km`, within "
        "which two places count as one): no mode moves the flame any distance in no time. "
        "TR301 and TR302 judge speeds, which a leg without duration does not have, so this "
        "rule covers what they cannot. Space legs are not judged." + _LOWERED,
        Origin.PHYSICS,
        physics.check_instant_moves,
    ),
    Rule(
        "TR401",
        "Position at null island",
        W,
        "A place or path point at latitude 0, longitude 0 is almost always a placeholder for an "
        "unknown position written by a tool; no relay has passed there.",
        Origin.DATA,
        quality.check_null_island,
    ),
    Rule(
        "TR402",
        "Duplicate consecutive points",
        W,
        "A path point that repeats the point before it exactly (place, altitude and time) adds "
        "nothing and usually comes from a device or an export writing twice. A runner standing "
        "still gives the same place at different times, which is not a duplicate.",
        Origin.DATA,
        quality.check_duplicate_points,
    ),
    Rule(
        "TR403",
        "Path points out of order in time",
        E,
        "A path's times run forwards: a point timed before the point before it means the points "
        "or their times were shuffled. Reported once a leg, with the first such point.",
        Origin.DATA,
        quality.check_time_order,
    ),
    Rule(
        "TR404",
        "Path timed outside its leg",
        W,
        "A path's points are timed between its leg's departure and arrival, within "
        ":attr:`Policy.time_tolerance_s`." + _SKIPPED,
        Origin.DATA,
        quality.check_point_times,
    ),
    Rule(
        "TR405",
        "Leg of zero length and zero duration",
        W,
        "A scheduled leg that goes nowhere in no time carries nothing: a placeholder or a "
        "duplicate. (A stage that starts and ends in one city has no length but takes time, "
        "and is fine.)",
        Origin.DATA,
        quality.check_zero_legs,
    ),
    Rule(
        "TR406",
        "Declared distance far from the measured one",
        W,
        "A leg's declared distance differs from its measured length along its path by more "
        "than :attr:`Policy.declared_distance_tolerance`, or, for a leg without a path, is "
        "shorter than the straight line by more than that fraction: no route is shorter than "
        "the geodesic. Space legs have no ground distance and are not compared.",
        Origin.DATA,
        quality.check_declared_distance,
    ),
    Rule(
        "TR407",
        "Sources disagree about a figure",
        I,
        "Claims about one figure that cannot all be true, once their units are converted and "
        'their wording is taken into account ("about" allows 10 %, "more than" any larger '
        "value, an exact figure 0.5 %). torchrelay keeps every claim; the finding names two "
        "that disagree, with their sources, for a reader to weigh.",
        Origin.DATA,
        quality.check_claims,
    ),
    Rule(
        "TR408",
        "Leg that does not say what it was",
        I,
        "Importers fill in nothing they were not given: a track from a watch becomes a leg "
        "without times of the relay, of mode :attr:`TransportMode.UNKNOWN` and flame state "
        ":attr:`FlameState.UNKNOWN`. This rule lists, for each leg, what is missing (its "
        "times, its mode, its flame state, the times of path points that have none), so that "
        "a user can fill it in. The finding's details name the missing facts and the first "
        "untimed points.",
        Origin.DATA,
        quality.check_unknowns,
    ),
    Rule(
        "TR409",
        "Path far from its leg's places",
        E,
        "A leg's path starts more than :attr:`Policy.path_place_tolerance_km` (50 km) from the "
        "leg's origin, or ends that far from its destination: the path belongs to another leg, "
        "or the places are wrong, and distances along the path measure the wrong journey. "
        "Reported once a leg, at the first end that is too far. Space legs are not judged.",
        Origin.DATA,
        quality.check_path_ends,
    ),
    Rule(
        "TR501",
        "Torchbearer under the minimum age",
        E,
        "A torchbearer younger on the day than :attr:`Policy.min_torchbearer_age` (Sochi 2014 "
        "took applicants over 14). Where only the birth year is known and the person may or "
        "may not have had their birthday, the finding is a warning. Messages name people by "
        "their id, never their name.",
        Origin.ORGANISERS,
        people.check_min_age,
        reference="https://survincity.com/2014/01/become-a-torchbearer-olympic-torch-relay/",
    ),
    Rule(
        "TR502",
        "Torchbearer on two legs at once",
        E,
        "One person (matched by id, else by name, birth year and hometown) cannot carry two "
        "legs at the same time. Each person's legs are sorted by time once, so the check is "
        "linear after sorting." + _LOWERED,
        Origin.PHYSICS,
        people.check_torchbearer_overlap,
    ),
    Rule(
        "TR503",
        "Campaign selected more than applied",
        E,
        "A campaign cannot select more torchbearers than people applied to it.",
        Origin.DATA,
        people.check_campaign_selected,
    ),
    Rule(
        "TR504",
        "Campaign names more than it selected",
        E,
        "The torchbearers a campaign names are among those it selected, so there cannot be "
        "more of them.",
        Origin.DATA,
        people.check_campaign_named,
    ),
    Rule(
        "TR505",
        "Relay partnership before the Olympic one",
        E,
        "A sponsor sponsors the torch relay as an Olympic partner (Coca-Cola: the Games since "
        "1928, the relay since 1992), so its relay partnership cannot start first.",
        Origin.ORGANISERS,
        people.check_partnership,
    ),
    Rule(
        "TR601",
        "Leg outside the relay's dates",
        W,
        "Every leg runs within :attr:`Policy.dates` where given, in the relay's reference zone; "
        "without them, branch legs run within the main line's first departure and last "
        "arrival.",
        Origin.ORGANISERS,
        frame.check_dates,
    ),
    Rule(
        "TR602",
        "Rest day",
        I,
        "A declared day without travel, with its place and reason, for information.",
        Origin.ORGANISERS,
        frame.check_rest_days,
    ),
    Rule(
        "TR603",
        "Leg on a rest day",
        W,
        "A main-line leg travels during a declared rest day (in the reference zone): either the "
        "rest day or the leg's times are wrong. Branches may run on rest days, as the North "
        "Pole relay did.",
        Origin.ORGANISERS,
        frame.check_rest_day_legs,
    ),
    Rule(
        "TR604",
        "Leg on foot without torchbearer",
        W,
        "A leg on foot (:attr:`TransportMode.on_foot`) is carried by people; a leg that names "
        "none is missing them, or its sources did not publish them.",
        Origin.ORGANISERS,
        frame.check_foot_torchbearers,
    ),
)
"""Every built-in rule, in code order.

.. versionadded:: 0.1.0
"""
