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
