"""The 文書番号台帳 as the one source of truth: random merges, edits of 宛名 and renumbered notices never
issue one number twice (a stateful property test, hypothesis' RuleBasedStateMachine)."""

import datetime

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from shuchi.merge.register import issue_numbers, numbers_in_use
from shuchi.model import Notice, Recipient, Register

SLUG = "nichiyaku"
NAMES = ["北海道薬剤師会", "青森県薬剤師会", "岩手県薬剤師会", "宮城県薬剤師会", "ＡＢＣ薬局"]
SAME_NAME = [lambda n: n, lambda n: n + "\u3000", lambda n: n.replace("県", "\u2028県"), lambda n: n.replace("県", "\x85県"),
             lambda n: n.replace("Ａ", "A").replace("Ｂ", "B").replace("Ｃ", "C"),
             lambda n: n[:1] + "\u200b" + n[1:], lambda n: n[:1] + "\U000e0100" + n[1:], lambda n: n + "\u00ad"]
"""Ways one 宛名 arrives again: pasted with a full-width space, a line separator, a NEL, half-width letters, a
zero-width space, a variation selector (IVS), a soft hyphen."""


def notice(index: int, number: int | None) -> Notice:
    return Notice.model_validate({
        "id": f"n{index}", "organisation": SLUG, "audience": "members", "circular": "mhlw-2024",
        "date": datetime.date(2024, 8, 1) + datetime.timedelta(days=index), "title": f"通知{index}",
        "from_hinagata": True, **({"number": number} if number else {})})


class Registry(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.register = Register(organisation=SLUG)
        self.notices = {i: notice(i, None) for i in range(3)}
        self.given: dict[tuple[str, str], int] = {}

    @rule(which=st.integers(0, 2), names=st.lists(st.integers(0, len(NAMES) - 1), min_size=1, max_size=4, unique=True),
          spelling=st.integers(0, len(SAME_NAME) - 1))
    def merge(self, which, names, spelling):
        merged = self.notices[which]
        recipients = [Recipient(organisation=SAME_NAME[spelling](NAMES[n]), honorific="御中") for n in names]
        numbers, self.register = issue_numbers(self.register, SLUG, merged, recipients,
                                               numbers_in_use(self.notices.values(), SLUG))
        for name, number in zip(names, numbers):
            key = (merged.id, NAMES[name])  # who it is, as the test knows it, whatever the spelling
            assert self.given.setdefault(key, number) == number  # the same letter keeps its number
            assert number not in numbers_in_use(self.notices.values(), SLUG)

    @rule(which=st.integers(0, 2), ahead=st.integers(0, 5))
    def renumber(self, which, ahead):
        """An editor gives a notice its own number, one that check accepts: not yet issued or carried."""
        taken = {e.number for e in self.register.issued} | numbers_in_use(self.notices.values(), SLUG)
        number = max(taken, default=0) + 1 + ahead
        self.notices[which] = notice(which, number)

    @rule(which=st.integers(0, 2))
    def unnumber(self, which):
        self.notices[which] = notice(which, None)

    @invariant()
    def no_number_twice(self):
        numbers = [e.number for e in self.register.issued]
        assert len(numbers) == len(set(numbers))
        carried = [n.number for n in self.notices.values() if n.number]
        assert len(carried) == len(set(carried))


Registry.TestCase.settings = settings(max_examples=150, stateful_step_count=20, deadline=None)
TestRegistry = Registry.TestCase


def test_a_merge_skips_the_number_the_merged_notice_carries(project):
    from shuchi.content.check import check_content
    from shuchi.merge.plan import plan_merge

    notice = project / "content" / "notices" / "nichiyaku-members-2024-08-08.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("number: 150", "number: 152"), encoding="utf-8")
    content = check_content(project)
    plan, register = plan_merge(project, content, "nichiyaku", "nichiyaku-members-2024-08-08", None)
    assert 152 not in plan.numbers and plan.numbers[0] == 153  # after the highest in use, the notice's own included
    assert len({e.number for e in register.issued}) == len(register.issued)


def test_a_register_saved_as_yml_is_refused_not_ignored(project):
    from helpers import run_build

    registers = project / "content" / "registers"
    (registers / "nichiyaku.yaml").rename(registers / "nichiyaku.yml")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert "content/registers/nichiyaku.yml: is not read (expected the extension .yaml, e.g. nichiyaku.yaml)" in result.stderr
