"""Builds that shard: three machines each build every third organisation; joined, they are the full build."""

from helpers import copy_project, run_build, same_site


def test_three_shards_joined_equal_one_full_build(tmp_path, built_site):
    """The shards share the full build's cache (as machines of a CI matrix restore one): what is tested here is
    which organisations each shard builds and how they are joined; test_cache checks cached equals clean."""
    project = copy_project(tmp_path)
    shards = [built_site.parent / f"{tmp_path.name}-site.shard-{index}-of-3" for index in (1, 2, 3)]
    for index, shard in enumerate(shards, 1):
        result = run_build(project, "build", "--shard", f"{index}/3", "--out", str(shard))
        assert result.returncode == 0, result.stderr
        assert "for 1 organisations" in result.stdout
    assert [sorted(p.name for p in shard.iterdir() if p.is_dir()) for shard in shards] == \
        [["itea"], ["nichiyaku"], ["zenjukyo"]]
    joined = run_build(project, "join", *map(str, shards))
    assert joined.returncode == 0, joined.stderr
    assert "joined 3 organisations" in joined.stdout
    same_site(project / "site", built_site)


def test_join_refuses_when_a_shard_is_missing(tmp_path):
    project = copy_project(tmp_path)
    (project / "site.shard-1-of-3" / "itea").mkdir(parents=True)
    (project / "site.shard-1-of-3" / "index.html").write_text("<h1>shard</h1>", encoding="utf-8")
    result = run_build(project, "join")
    assert result.returncode == 1
    assert "no shard holds nichiyaku, zenjukyo" in result.stderr
    assert not (project / "site").exists()


def test_one_organisation_by_name_and_an_unknown_one(tmp_path):
    project = copy_project(tmp_path)
    unknown = run_build(project, "build", "--org", "nichiyakku")
    assert unknown.returncode == 2
    assert "--org: there is no organisation 'nichiyakku' (expected one of itea, nichiyaku, zenjukyo)" in unknown.stderr
    assert not (project / "site").exists()
