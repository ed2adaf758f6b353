"""The build's steps, in order, over one BuildState; each step is a module of this package."""
from __future__ import annotations

import sqlite3

from bot.pipeline.build.athletes import merge_athletes, merge_same_name_and_birth
from bot.pipeline.build.editions import find_competitions
from bot.pipeline.build.list_finals import agree_medals, date_list_finals
from bot.pipeline.build.merge import merge, merge_late
from bot.pipeline.build.namesakes import merge_record_holders
from bot.pipeline.build.promotions import promote
from bot.pipeline.build.races import group_races, one_result_per_athlete
from bot.pipeline.build.record_results import results_from_records
from bot.pipeline.build.records import record_groups, set_current
from bot.pipeline.build.relay_members import link_relay_members
from bot.pipeline.build.result_details import link_result_details
from bot.pipeline.build.results import resolve_results
from bot.pipeline.build.state import BuildState
from bot.pipeline.build.toplist_records import extend_from_toplists
from bot.pipeline.build.write import write_tables


class Builder(BuildState):
    def run(self) -> Builder:
        find_competitions(self)
        resolve_results(self)
        date_list_finals(self)
        merge_athletes(self)
        agree_medals(self)
        merge(self)
        group_races(self)
        groups = record_groups(self)
        merge_record_holders(self, groups)
        merge_same_name_and_birth(self)
        merge_late(self)
        promote(self, groups)
        extend_from_toplists(self, groups)
        set_current(self, groups)
        results_from_records(self)
        one_result_per_athlete(self)
        link_relay_members(self)
        link_result_details(self)
        return self

    def write(self, conn: sqlite3.Connection) -> None:
        write_tables(self, conn)
