"""Lint settings: a small value object built from keywords, a mapping or another config."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from synthquery._errors import UsageError

__all__ = ["LintConfig"]

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class LintConfig:
    """Settings of one lint run.

    ``quota``: samples per query before X009 warns (None: the model profile's ``quota_samples``).
    ``online``: ask EBI OLS about ids missing from the offline snapshot (None: unless
    ``SYNTHQUERY_OFFLINE=1``). ``resolve_labels``: ground labels found where an id belongs
    (I008) to offer a fix. ``warnings``: rule selectors whose errors are reported as warnings.
    ``max_bytes``/``max_depth``: bounds on the text linted (S002).
    """

    quota: int | None = None
    online: bool | None = None
    resolve_labels: bool = True
    warnings: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH

    def __post_init__(self) -> None:
        if self.quota is not None and (
            isinstance(self.quota, bool) or not isinstance(self.quota, int) or self.quota < 0
        ):
            raise UsageError(f"quota must be a non-negative integer, got {self.quota!r}")
        for name in ("max_bytes", "max_depth"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"{name} must be a positive integer, got {value!r}")
        if isinstance(self.warnings, str):
            object.__setattr__(self, "warnings", (self.warnings,))

    @classmethod
    def coerce(cls, config: LintConfig | Mapping[str, Any] | None = None) -> LintConfig:
        """Accept a config, a mapping of its fields (unknown keys rejected) or None."""
        if config is None:
            return cls()
        if isinstance(config, cls):
            return config
        if isinstance(config, Mapping):
            known = {f.name for f in dataclasses.fields(cls)}
            unknown = sorted(set(config) - known)
            if unknown:
                raise UsageError(
                    f"unknown lint config key(s) {', '.join(map(repr, unknown))}; "
                    f"known: {', '.join(sorted(known))}"
                )
            values = dict(config)
            if "warnings" in values and not isinstance(values["warnings"], str):
                values["warnings"] = tuple(values["warnings"])
            return cls(**values)
        raise UsageError(f"config must be a LintConfig or a mapping, got {type(config).__name__}")

    @property
    def use_network(self) -> bool:
        if self.online is not None:
            return self.online
        from synthquery._offline import offline_mode

        return not offline_mode()
