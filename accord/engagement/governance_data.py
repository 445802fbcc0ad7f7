"""The governance bodies the partnership strategy names (paragraphs 6, 11 and 16 and the
strategy table), loaded by a data migration; administrators add others."""

BODIES = [
    (
        "executive-board",
        "Executive Board",
        "executive_board",
        "The Executive Board of UN-Habitat. The strategy asks to strengthen the engagement of "
        "local authorities and other stakeholders in its sessions (strategy line 2.3).",
    ),
    (
        "un-habitat-assembly",
        "UN-Habitat Assembly",
        "assembly",
        "The United Nations Habitat Assembly and its subsidiary organs, through which Member "
        "States monitor the implementation of the strategic plan.",
    ),
    (
        "stakeholder-advisory-group",
        "Stakeholder Advisory Group",
        "advisory_group",
        "The internal steering mechanism through which civil society and other stakeholders "
        "take part in the institutional governance of UN-Habitat.",
    ),
    (
        "thematic-advisory-boards",
        "Thematic advisory boards",
        "advisory_board",
        "Thematic and cross-sectoral advisory boards and clusters in which stakeholders help "
        "shape policy, research and data analysis.",
    ),
    (
        "world-assembly-local-regional-authorities",
        "World Assembly of Local and Regional Authorities",
        "local_authorities",
        "The mechanism for structural collaboration with local and regional governments "
        "(strategy line 2.5).",
    ),
    (
        "regional-ministerial-meetings",
        "Regional ministerial meetings",
        "ministerial",
        "Regional ministerial meetings on housing and urban development and their bureaux, "
        "with which UN-Habitat works on regional development priorities.",
    ),
]


def seed_bodies(body_model) -> int:
    """Create the strategy's bodies that are missing (matched on code); returns how many were
    created. Idempotent, and takes the model so a migration can pass its historical one."""
    created = 0
    for code, name, kind, description in BODIES:
        _, made = body_model.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "description": description}
        )
        created += made
    return created
