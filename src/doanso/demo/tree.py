"""The demo Union tree: the 63 provinces of 2024 and the 2025 merger, as plain data.

Builds every unit and its dated versions in memory (≈100,000 units at national scale is
small); members are streamed separately.
"""

import csv
import random
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from doanso.core.text import fold
from doanso.demo.names import BRANCH_PATTERNS, PLACE_WORDS
from doanso.org.tree import child_path, depth

EPOCH = date(2000, 1, 1)
HUE_RENAMED = date(2025, 1, 1)
MERGER = date(2025, 7, 1)

PROVINCE_CODES = {
    "ha noi": "HN",
    "hue": "HUE",
    "lai chau": "LCH",
    "dien bien": "DB",
    "son la": "SL",
    "lang son": "LS",
    "quang ninh": "QNI",
    "thanh hoa": "TH",
    "nghe an": "NA",
    "ha tinh": "HT",
    "cao bang": "CB",
    "tuyen quang": "TQ",
    "ha giang": "HGI",
    "lao cai": "LCA",
    "yen bai": "YB",
    "thai nguyen": "TN",
    "bac kan": "BK",
    "phu tho": "PT",
    "vinh phuc": "VP",
    "hoa binh": "HB",
    "bac ninh": "BN",
    "bac giang": "BG",
    "hung yen": "HY",
    "thai binh": "TB",
    "hai phong": "HP",
    "hai duong": "HD",
    "ninh binh": "NB",
    "ha nam": "HNA",
    "nam dinh": "ND",
    "quang tri": "QT",
    "quang binh": "QB",
    "da nang": "DN",
    "quang nam": "QNA",
    "quang ngai": "QNG",
    "kon tum": "KT",
    "gia lai": "GL",
    "binh dinh": "BD",
    "khanh hoa": "KH",
    "ninh thuan": "NT",
    "lam dong": "LD",
    "dak nong": "DNO",
    "binh thuan": "BTH",
    "dak lak": "DL",
    "phu yen": "PY",
    "ho chi minh": "HCM",
    "binh duong": "BDU",
    "ba ria - vung tau": "BRVT",
    "dong nai": "DNA",
    "binh phuoc": "BP",
    "tay ninh": "TNI",
    "long an": "LA",
    "can tho": "CT",
    "soc trang": "ST",
    "hau giang": "HGG",
    "vinh long": "VL",
    "ben tre": "BTR",
    "tra vinh": "TV",
    "dong thap": "DT",
    "tien giang": "TG",
    "ca mau": "CM",
    "bac lieu": "BL",
    "an giang": "AG",
    "kien giang": "KG",
}
# Relative size of each province's youth (members, districts); others draw around 1.
WEIGHTS = {
    "HN": 3.2,
    "HCM": 3.6,
    "HP": 1.6,
    "DN": 1.1,
    "CT": 1.1,
    "TH": 2.2,
    "NA": 2.0,
    "DNA": 1.8,
    "BDU": 1.5,
}
DIRECT_UNITS = [  # đoàn trực thuộc Trung ương (a few)
    ("DKCQTW", "Đoàn Khối các cơ quan Trung ương"),
    ("DKDNTW", "Đoàn Khối Doanh nghiệp Trung ương"),
    ("DTNBCA", "Đoàn Thanh niên Bộ Công an"),
]


@dataclass
class DemoUnit:
    id: int
    code: str
    name: str
    kind: str
    parent: "DemoUnit | None"
    path: str = ""
    active: bool = True
    dissolved_on: date | None = None
    successor: "DemoUnit | None" = None
    versions: list[tuple] = field(default_factory=list)  # (parent_id, name, kind, from, to)
    member_weight: float = 1.0


@dataclass(frozen=True)
class Scale:
    districts: tuple[int, int]  # per province (scaled by weight)
    communes: tuple[int, int]  # old communes per district
    branches: tuple[int, int]  # per old commune
    members: tuple[int, int]  # per branch
    detailed: frozenset[str] | None = None  # provinces with a subtree (None = all)
    direct_branches: int = 2


SCALES = {
    "tiny": Scale(
        (2, 2), (2, 2), (2, 2), (5, 7), frozenset({"HN", "HCM", "CT", "ST", "HGG", "HGI", "TQ"}), 1
    ),
    "small": Scale((2, 3), (3, 3), (3, 4), (10, 24)),
    "national": Scale((9, 13), (13, 15), (8, 9), (47, 69), None, 40),
}


def provinces_2025() -> list[tuple[str, str]]:
    text = resources.files("doanso.org").joinpath("data/provinces-2025.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return [(r["tinh_truoc_2025"], r["tinh_tu_2025_07_01"]) for r in rows]


def _short(name: str) -> str:
    return name.removeprefix("Thành phố ").strip()


def _is_city(name: str) -> bool:
    return name.startswith("Thành phố")


def province_unit_name(name: str) -> str:
    short = _short(name)
    if short == "Hồ Chí Minh":
        return "Thành đoàn TP. Hồ Chí Minh"
    return f"Thành đoàn {short}" if _is_city(name) else f"Tỉnh đoàn {short}"


class TreeBuilder:
    def __init__(self, scale: str, seed: int = 2025):
        self.scale = SCALES[scale]
        self.rng = random.Random(seed)
        self.units: list[DemoUnit] = []
        self.events: list[tuple[str, date, list[DemoUnit], dict]] = []
        self.kids: dict[int | None, list[DemoUnit]] = {}  # children as first built (2024)
        self._commune_seq: dict[str, int] = {}

    def _add(self, code: str, name: str, kind: str, parent: DemoUnit | None, weight: float = 1.0) -> DemoUnit:
        u = DemoUnit(len(self.units) + 1, code, name, kind, parent, member_weight=weight)
        self.units.append(u)
        self.kids.setdefault(parent.id if parent else None, []).append(u)
        return u

    def _place(self, rng: random.Random) -> str:
        words = PLACE_WORDS
        return f"{rng.choice(words)} {rng.choice(words)}"

    def _range(self, lo_hi: tuple[int, int], weight: float = 1.0) -> int:
        lo, hi = lo_hi
        return max(1, round(self.rng.randint(lo, hi) * weight))

    def build(self) -> "TreeBuilder":
        rng = self.rng
        root = self._add("TW", "Trung ương Đoàn TNCS Hồ Chí Minh", "trung_uong", None)
        for code, name in DIRECT_UNITS:
            du = self._add(code, name, "truc_thuoc", root)
            for i in range(1, self.scale.direct_branches + 1):
                cs = self._add(f"{code}-CS{i:02d}", f"Đoàn cơ sở {self._place(rng)} {i}", "co_so", du)
                for j in range(1, 3):
                    self._add(f"{cs.code}-C{j:02d}", f"Chi đoàn {j}", "chi_doan", cs)
        pairs = provinces_2025()
        by_old: dict[str, DemoUnit] = {}
        old_pairs = []
        for old, new in pairs:
            code = PROVINCE_CODES[fold(_short(old))]
            weight = WEIGHTS.get(code, round(rng.uniform(0.6, 1.3), 2))
            u = self._add(code, province_unit_name(old), "tinh", root, weight)
            by_old[old] = u
            old_pairs.append((u, new))
        # 2024: districts → old communes → branches
        self.districts: dict[int, list[DemoUnit]] = {}
        self.old_communes: dict[int, list[DemoUnit]] = {}
        for prov, _ in old_pairs:
            if self.scale.detailed is not None and prov.code not in self.scale.detailed:
                continue
            ds = []
            for d in range(1, self._range(self.scale.districts, min(prov.member_weight, 2.5)) + 1):
                dname = f"{'Quận' if d % 3 == 0 else 'Huyện'} đoàn {self._place(rng)}"
                dist = self._add(f"{prov.code}-H{d:02d}", dname, "huyen", prov)
                ds.append(dist)
                communes = []
                for x in range(1, self._range(self.scale.communes) + 1):
                    kind_word = "Phường" if d % 3 == 0 else "Xã"
                    com = self._add(
                        f"{dist.code}-X{x:02d}", f"Đoàn {kind_word.lower()} {self._place(rng)}", "xa", dist
                    )
                    communes.append(com)
                    for b in range(1, self._range(self.scale.branches) + 1):
                        pattern = rng.choice(BRANCH_PATTERNS)
                        bname = pattern.format(w=rng.choice(PLACE_WORDS), w2=rng.choice(PLACE_WORDS), n=b)
                        self._add(f"{com.code}-C{b:02d}", bname, "chi_doan", com, prov.member_weight)
                self.old_communes[dist.id] = communes
            self.districts[prov.id] = ds
        self._versions_2024(root)
        self._merge_2025(old_pairs, by_old)
        self._assign_paths()
        return self

    def _versions_2024(self, root: DemoUnit) -> None:
        for u in self.units:
            name = "Tỉnh đoàn Thừa Thiên Huế" if u.code == "HUE" else u.name
            u.versions.append([u.parent.id if u.parent else None, name, u.kind, EPOCH, None])
        hue = next(u for u in self.units if u.code == "HUE")
        hue.versions[-1][4] = HUE_RENAMED
        hue.versions.append([root.id, hue.name, "tinh", HUE_RENAMED, None])
        self.events.append(
            ("rename", HUE_RENAMED, [hue], {"old_name": "Tỉnh đoàn Thừa Thiên Huế", "new_name": hue.name})
        )

    def _move(self, u: DemoUnit, parent: DemoUnit) -> None:
        u.versions[-1][4] = MERGER
        u.parent = parent
        u.versions.append([parent.id, u.name, u.kind, MERGER, None])

    def _retire(self, u: DemoUnit, successor: DemoUnit) -> None:
        u.versions[-1][4] = MERGER
        u.active, u.dissolved_on, u.successor, u.parent = False, MERGER, successor, successor

    def _merge_2025(self, old_pairs, by_old) -> None:
        """Provinces merge 63 → 34; districts dissolve; old communes merge about 3 → 1."""
        rng = self.rng
        target_of = {u.id: by_old[new] for u, new in old_pairs}
        for prov, _ in old_pairs:
            target = target_of[prov.id]
            if target is not prov:
                self._retire(prov, target)
        for prov, _ in old_pairs:
            target = target_of[prov.id]
            for dist in self.districts.get(prov.id, []):
                communes = self.old_communes[dist.id]
                groups = [communes[i : i + 3] for i in range(0, len(communes), 3)]
                for group in groups:
                    seq = self._commune_seq[target.code] = self._commune_seq.get(target.code, 0) + 1
                    word = "Phường" if "phường" in group[0].name else "Xã"
                    new = self._add(
                        f"{target.code}-P{seq:03d}", f"Đoàn {word.lower()} {self._place(rng)}", "xa", target
                    )
                    new.versions.append([target.id, new.name, "xa", MERGER, None])
                    for old in group:
                        for br in list(self.kids.get(old.id, [])):
                            self._move(br, new)
                        self._retire(old, new)
                    self.events.append(
                        (
                            "merge",
                            MERGER,
                            [new, *group],
                            {"sources": [g.code for g in group], "target": new.code},
                        )
                    )
                self._retire(dist, target)
                self.events.append(
                    ("dissolve", MERGER, [dist], {"unit": dist.code, "successor": target.code})
                )
            if target is not prov:
                self.events.append(
                    ("merge", MERGER, [target, prov], {"sources": [prov.code], "target": target.code})
                )

    def _assign_paths(self) -> None:
        """Current paths: the active tree, with retired units placed under their successor."""
        children: dict[int | None, list[DemoUnit]] = {}
        for u in self.units:
            children.setdefault(u.parent.id if u.parent else None, []).append(u)
        stack = [(u, "") for u in children[None]]
        while stack:
            u, parent_path = stack.pop()
            u.path = child_path(parent_path, u.id)
            stack.extend((c, u.path) for c in children.get(u.id, []))

    def branches(self) -> list[DemoUnit]:
        return [u for u in self.units if u.kind == "chi_doan"]


def unit_rows(units: list[DemoUnit]):
    for u in units:
        yield (
            u.id,
            u.code,
            u.name,
            u.kind,
            u.parent.id if u.parent else None,
            u.path,
            depth(u.path),
            u.active,
            None,
            u.dissolved_on,
            u.successor.id if u.successor else None,
            fold(f"{u.name} {u.code}"),
        )
