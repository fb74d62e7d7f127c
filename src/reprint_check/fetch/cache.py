"""What the HTTP cache may keep: answers, never errors.

RFC 9111 lets a cache store a 404 or 410 (they are "heuristically cacheable"); for an audit that
would turn a passing outage into a lasting verdict, so this storage declines them.
"""

from __future__ import annotations

import uuid

from hishel import AsyncBaseStorage, Entry, Headers, Request, Response


class SuccessOnlyStorage(AsyncBaseStorage):
    """Delegates to `inner`, but answers below 400 are the only ones it stores."""

    def __init__(self, inner: AsyncBaseStorage) -> None:
        super().__init__()
        self._inner = inner

    async def create_entry(
        self,
        request: Request,
        response: Response,
        key: str,
        *,
        ttl: float | None = None,
        tti: float | None = None,
    ) -> Entry:
        if response.status_code >= 400:
            # An entry that was never written: the caller streams the body straight through.
            return Entry(id=uuid.uuid4(), request=request, response=response)
        return await self._inner.create_entry(request, response, key, ttl=ttl, tti=tti)

    async def get_entries(self, key: str) -> list[Entry]:
        return await self._inner.get_entries(key)

    async def update_headers(self, id: uuid.UUID, headers: Headers) -> None:
        await self._inner.update_headers(id, headers)

    async def remove_entry(self, id: uuid.UUID) -> None:
        await self._inner.remove_entry(id)

    async def close(self) -> None:
        await self._inner.close()
