"""An own letterhead that asks for gigabytes in one operation (which no time limit can interrupt) is stopped as a
content error at its line; the process's own limit is as it was afterwards."""

import resource

import pytest

from shuchi.errors import ContentError


@pytest.mark.parametrize("bomb", ['{{ ("x" * 8000000000) | length }}', '{{ "x" | center(8000000000) | length }}',
                                  '{{ (["x"] * 2000000000) | length }}'])
def test_an_own_letterhead_asking_for_gigabytes_is_stopped(tmp_path, bomb):
    from shuchi.typeset import sandbox
    from shuchi.typeset.environment import environment

    own = tmp_path / "content" / "organisations" / "kenkyo" / "templates"
    (own / "letter").mkdir(parents=True)
    (own / "letter" / "letterhead.html.j2").write_text(f"<header>\n{bomb}\n</header>\n", encoding="utf-8")
    before = resource.getrlimit(resource.RLIMIT_AS)
    env = sandbox.OwnEnvironment(environment(), own)
    with pytest.raises(ContentError) as raised:
        sandbox.render(env, "letter/letterhead.html.j2")
    (problem,) = raised.value.problems
    assert str(problem).startswith("content/organisations/kenkyo/templates/letter/letterhead.html.j2:2: took more "
                                   "than 512 MB to render"), str(problem)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize("bomb", ["{{ 9 ** 999999999 }}", "{% set n = 99999999 %}{{ (7 ** n) % 10 }}"])
def test_an_own_letterhead_computing_a_huge_power_is_stopped(tmp_path, bomb):
    """One multiplication loop in C that the time limit cannot interrupt (Jinja would fold it while compiling)."""
    from shuchi.typeset import sandbox
    from shuchi.typeset.environment import environment

    own = tmp_path / "content" / "organisations" / "kenkyo" / "templates"
    (own / "letter").mkdir(parents=True)
    (own / "letter" / "letterhead.html.j2").write_text(f"<header>\n{bomb}\n</header>\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        sandbox.render(sandbox.OwnEnvironment(environment(), own), "letter/letterhead.html.j2")
    (problem,) = raised.value.problems
    assert ":2: uses something templates may not use: the power " in str(problem)


def test_small_powers_still_print(tmp_path):
    from shuchi.typeset import sandbox
    from shuchi.typeset.environment import environment

    own = tmp_path / "content" / "organisations" / "kenkyo" / "templates"
    (own / "letter").mkdir(parents=True)
    (own / "letter" / "letterhead.html.j2").write_text("<header>{{ 2 ** 10 }}</header>", encoding="utf-8")
    assert "1024" in sandbox.render(sandbox.OwnEnvironment(environment(), own), "letter/letterhead.html.j2")
