"""One synthetic person, used by every platform generator so that ``compare`` can be tested on
exports of "the same person". All values are invented: documentation IP ranges (RFC 5737 /
RFC 3849) are NOT used for the IP trail because the offline GeoIP database must resolve them to
countries; instead addresses come from large public ranges with no link to any person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Persona:
    username: str = "sam_synthetic"
    display_name: str = "Sam Synthetic"
    first_name: str = "Sam"
    last_name: str = "Synthetic"
    email: str = "sam.synthetic@example.com"
    phone: str = "+31 6 00000000"
    birth_date: str = "1994-05-17"
    city: str = "Utrecht"
    country: str = "NL"
    street: str = "Voorbeeldstraat 1"
    zip_code: str = "0000 AA"
    friends: tuple[str, ...] = (
        "alex_example",
        "kim.fictional",
        "jo_placeholder",
        "noor_sample",
        "lee_dummy",
        "ria_mock",
        "max_test",
        "eva_invented",
    )
    #: (ip, device model, os, network, carrier) sessions
    ips: tuple[str, ...] = (
        "81.2.69.160",
        "81.2.69.142",
        "145.100.1.20",
        "84.241.194.7",
        "2a02:a440:1234::1",
        "89.160.20.112",
        "217.62.0.10",
    )
    devices: tuple[tuple[str, str], ...] = (
        ("iPhone15,2", "iOS 18.3.1"),
        ("SM-G991B", "Android 14"),
        ("Pixel 8", "Android 15"),
    )
    advertisers: tuple[str, ...] = (
        "Example Shoes BV",
        "Fictional Airlines",
        "Sample Grocer",
        "Placeholder Bank",
        "Mock Streaming Co",
        "Invented Games Ltd",
    )
    interests: tuple[str, ...] = ("Sports", "Travel", "Cooking", "Technology", "Music")
    search_terms: tuple[str, ...] = (
        "running shoes",
        "cheap flights",
        "pasta recipe",
        "python tutorial",
        "concert tickets",
        "rain jacket",
        "<script>alert(1)</script>",
    )
    extra: dict[str, str] = field(default_factory=dict)


PERSONA = Persona()


def rng(seed: int) -> random.Random:
    return random.Random(seed)
