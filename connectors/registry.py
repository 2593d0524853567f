"""The only lookup of connectors: cluster code -> connector class, from an explicit mapping."""
from __future__ import annotations

from .base import Connector, SourceSettings, UnknownConnector
from .clusters import (andong, busan, cheonan_asan, chuncheon_hongcheon, chungju, daedeok, gwangju,
                       hongneung, hwasun, jeju, jeonbuk, kbiohealth, kmedihub, pangyo, pohang, sejong,
                       songdo_siheung, ulsan, wonju, yangsan_gimhae)

# Written out rather than discovered, so a typo or a missing module fails at import, not at sync.
CONNECTORS: dict[str, type[Connector]] = {
    "kmedihub": kmedihub.KmedihubConnector,
    "kbiohealth": kbiohealth.KbiohealthConnector,
    "songdo_siheung": songdo_siheung.SongdoSiheungConnector,
    "pangyo": pangyo.PangyoConnector,
    "hongneung": hongneung.HongneungConnector,
    "daedeok": daedeok.DaedeokConnector,
    "cheonan_asan": cheonan_asan.CheonanAsanConnector,
    "sejong": sejong.SejongConnector,
    "chungju": chungju.ChungjuConnector,
    "wonju": wonju.WonjuConnector,
    "chuncheon_hongcheon": chuncheon_hongcheon.ChuncheonHongcheonConnector,
    "hwasun": hwasun.HwasunConnector,
    "andong": andong.AndongConnector,
    "pohang": pohang.PohangConnector,
    "busan": busan.BusanConnector,
    "gwangju": gwangju.GwangjuConnector,
    "jeonbuk": jeonbuk.JeonbukConnector,
    "yangsan_gimhae": yangsan_gimhae.YangsanGimhaeConnector,
    "ulsan": ulsan.UlsanConnector,
    "jeju": jeju.JejuConnector,
}


def names() -> list[str]:
    """The registered connector names, sorted."""
    return sorted(CONNECTORS)


def get(code: str) -> type[Connector]:
    """The connector class registered as code; UnknownConnector lists the known names."""
    try:
        return CONNECTORS[code]
    except (KeyError, TypeError):
        raise UnknownConnector(f"no connector named {code!r}; known connectors: "
                               f"{', '.join(names())}", field="connector") from None


def create(code: str, settings: SourceSettings) -> Connector:
    """An instance of the connector registered as code, with its source settings."""
    return get(code)(settings)
