"""The laptop's own LAN addresses, read from its interfaces (no packet leaves the machine)."""

from __future__ import annotations

import ipaddress
import socket

# Virtual adapters a phone in the room cannot reach.
_VIRTUAL = ("docker", "br-", "veth", "virbr", "vmnet", "vbox", "lxc", "tun", "tap", "zt", "wg")


def _from_ifaddr() -> list[tuple[str, str]]:
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        name = (adapter.nice_name or adapter.name or "").lower()
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4; IPv6 entries are tuples
                found.append((name, ip.ip))
    return found


def _from_hostname() -> list[tuple[str, str]]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [("", str(info[4][0])) for info in infos]


def lan_addresses() -> list[str]:
    """IPv4 addresses a phone on the same network could reach, best first (private ranges
    on real adapters), without loopback or link-local ones."""
    try:
        found = _from_ifaddr()
    except Exception:  # ifaddr missing or an odd platform: fall back to the host name
        found = []
    found += _from_hostname()
    ranked: dict[str, int] = {}
    for name, text in found:
        try:
            ip = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
            continue
        rank = (2 if name.startswith(_VIRTUAL) else 0) + (0 if ip.is_private else 1)
        ranked[text] = min(rank, ranked.get(text, rank))
    return sorted(ranked, key=lambda t: (ranked[t], list(ranked).index(t)))
