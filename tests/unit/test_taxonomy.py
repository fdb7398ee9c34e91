"""Taxonomy operations: add, rename, rules, move, merge, delete, built-ins and CSV import."""

from __future__ import annotations

import pytest

from cxdash import taxonomy as tx
from cxdash.errors import InvalidInput

# Same shape as the TipDM 2020 government-message taxonomy: one column per level.
THREE_LEVEL_CSV = """一级分类,二级分类,三级分类
城乡建设,安全生产,事故处理
城乡建设,安全生产,安全隐患
城乡建设,城市建设和市政管理,园林绿化环卫
环境保护,环保执法,噪音污染
环境保护,环保执法,安全隐患
"""


@pytest.fixture
def tree():
    base = tx.add_category(tx.empty_taxonomy(), "网络", "Network")
    return tx.add_category(base, "网速慢", "Slow speed", parent="network")


def test_builtin_telecom_has_two_levels_and_bilingual_names():
    tax = tx.builtin_taxonomy("telecom")
    assert {tx.depth(tax, k) for k in tax["key"]} == {1, 2}
    assert "billing_error" in tx.leaves(tax)
    assert tax["name_zh"].str.len().min() > 0 and tax["name_en"].str.len().min() > 0


def test_unknown_builtin_is_a_clear_error():
    with pytest.raises(InvalidInput) as err:
        tx.builtin_taxonomy("banking")
    assert err.value.key == "classify.unknown_builtin"


def test_add_rename_and_rules(tree):
    assert tree["key"].tolist() == ["network", "slow_speed"]
    renamed = tx.rename_category(tree, "slow_speed", "网速太慢", "Very slow")
    assert renamed.set_index("key").at["slow_speed", "name_en"] == "Very slow"
    ruled = tx.set_rules(renamed, "slow_speed", " 网速 | slow ||", r"\d+\s*mbps")
    assert ruled.set_index("key").at["slow_speed", "keywords"] == "网速|slow"
    assert tree.set_index("key").at["slow_speed", "name_en"] == "Slow speed"


def test_bad_regex_is_rejected(tree):
    with pytest.raises(InvalidInput) as err:
        tx.set_rules(tree, "slow_speed", "", "([")
    assert err.value.key == "classify.bad_pattern"


def test_move_refuses_cycles_and_depth_beyond_three(tree):
    with pytest.raises(InvalidInput):
        tx.move_category(tree, "network", "slow_speed")
    deeper = tx.add_category(tree, "晚上", "Evenings", parent="slow_speed")
    with pytest.raises(InvalidInput) as err:
        tx.add_category(deeper, "太深", "Too deep", parent="evenings")
    assert err.value.key == "classify.too_deep"
    moved = tx.move_category(deeper, "evenings", None)
    assert moved.set_index("key").at["evenings", "parent"] is None


def test_merge_moves_children_and_keywords(tree):
    other = tx.set_rules(tx.add_category(tree, "信号", "Signal"), "signal", "信号", "")
    child = tx.add_category(other, "室内", "Indoor", parent="signal")
    merged = tx.merge_categories(child, "signal", "network")
    assert "signal" not in set(merged["key"])
    assert merged.set_index("key").at["indoor", "parent"] == "network"
    assert "信号" in merged.set_index("key").at["network", "keywords"]


def test_delete_lifts_children_to_the_parent(tree):
    deleted = tx.delete_category(tree, "network")
    assert deleted["key"].tolist() == ["slow_speed"]
    assert deleted["parent"].iloc[0] is None


def test_csv_imports_as_a_three_level_tree():
    tax = tx.import_csv(THREE_LEVEL_CSV.encode("utf-8-sig"))
    levels = {k: tx.depth(tax, k) for k in tax["key"]}
    assert set(levels.values()) == {1, 2, 3}
    assert sum(v == 1 for v in levels.values()) == 2
    assert sum(v == 3 for v in levels.values()) == 5
    # The same leaf name under two parents stays two categories.
    assert sum(tax["name_zh"] == "安全隐患") == 2
    names = tx.display_names(tax, "zh")
    assert names["城乡建设/安全生产/事故处理"] == "城乡建设 › 安全生产 › 事故处理"


def test_level_counts_of_a_three_level_csv():
    tax = tx.import_csv(THREE_LEVEL_CSV.encode("utf-8-sig"))
    counts = tx.level_counts(tax)
    assert list(counts) == [1, 2, 3]
    assert counts[1] == 2 and counts[3] == 5
    assert sum(counts.values()) == len(tax)


def test_csv_saved_by_excel_in_gbk_imports_like_utf8():
    gbk = tx.import_csv(THREE_LEVEL_CSV.encode("gbk"))
    utf8 = tx.import_csv(THREE_LEVEL_CSV.encode("utf-8"))
    assert gbk["key"].tolist() == utf8["key"].tolist()


def test_csv_with_too_many_levels_is_rejected():
    with pytest.raises(InvalidInput) as err:
        tx.import_csv("a,b,c,d\n1,2,3,4\n")
    assert err.value.key == "classify.bad_csv_shape"
