"""Names and kinds of actors, from the catalogue, for the exporters (which take plain mappings)."""
from __future__ import annotations


def actor_names(catalog) -> dict[str, str]:
    """``{state code | non-state slug | group slug: display name}``."""
    names = {g.slug: g.name for g in catalog.groups.values()}
    names.update({ns.slug: ns.name for ns in catalog.nonstate.values()})
    names.update({st.code: st.name for st in catalog.states.values()})
    return names


def actor_kinds(catalog) -> dict[str, str]:
    """``{code: state | armed_group | organisation | entity | bloc | region}``."""
    kinds = {g.slug: g.kind for g in catalog.groups.values()}
    kinds.update({ns.slug: ns.kind for ns in catalog.nonstate.values()})
    kinds.update({st.code: "state" for st in catalog.states.values()})
    return kinds
