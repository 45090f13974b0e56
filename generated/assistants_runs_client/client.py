"""The clients: where requests go, how they authenticate, how long and how often they are tried.

Pass an :class:`AuthenticatedClient` to the operations in :mod:`assistants_runs_client.api`. Left
out, ``token`` comes from ``$OPENAI_API_KEY`` and ``base_url`` from
``$OPENAI_BASE_URL`` (else ``https://api.openai.com/v1``). Every request carries
``OpenAI-Beta: assistants=v2``, waits at most 600 s
(5 s to connect) and is retried 2 times
on connection errors, 408, 429 and 5xx.

The API key is kept out of ``repr()``, ``str()``, errors and log records (see
:func:`errors.redact`). Each ``with_...`` method returns an independent client: changing one never
changes another.
"""

from __future__ import annotations

import os
import ssl
import urllib.request
from typing import Any, Self

import httpx
from attrs import define, evolve, field

from ._deadline import bound_transports
from ._retries import RetryPolicy
from .errors import ConfigurationError, register_secret
from .types import TimeoutTypes

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_HEADERS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AuthenticatedClient",
    "Client",
]

API_KEY_ENV = "OPENAI_API_KEY"
BASE_URL_ENV = "OPENAI_BASE_URL"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
# Headers the spec requires with a fixed value: sent on every request, never a function argument.
DEFAULT_HEADERS: dict[str, str] = {
    "OpenAI-Beta": "assistants=v2",
}
USER_AGENT = "assistants-runs-client/1.0.0"


# httpx_args that only shape the transport (connections, TLS, HTTP version): with nothing else
# set, requests go straight to the transport (see _direct_transport).
TRANSPORT_ARGS = frozenset({"transport", "limits", "http1", "http2", "cert", "trust_env"})


def _transport_args(args: dict[str, Any], verify: Any) -> dict[str, Any]:
    """The arguments httpx itself would build the default transport with."""
    names = ("cert", "trust_env", "http1", "http2", "limits")
    return {"verify": verify, **{name: args[name] for name in names if name in args}}


def _base_url(value: str | None) -> str:
    """The given base URL, else ``$OPENAI_BASE_URL``, else the spec's first server."""
    return value or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL


def _api_key(value: str | None) -> str:
    """The given API key, else ``$OPENAI_API_KEY``; there must be one."""
    key = value if value is not None else os.environ.get(API_KEY_ENV)
    if not key:
        raise ConfigurationError(f"no API key: pass token=... or set the {API_KEY_ENV} environment variable")
    return key


@define
class Client:
    """A client without credentials, for servers that need none.

    Keyword arguments (all optional):

        ``base_url``: Where requests go; default ``$OPENAI_BASE_URL``, else
        ``https://api.openai.com/v1``.

        ``headers``, ``cookies``: Sent with every request, after the constant headers.

        ``timeout``: Seconds or an ``httpx.Timeout``; default 600 s, 5 s to connect.

        ``max_retries``: How often a failed request is tried again (default 2); ``retry_policy``
        sets the waits in between.

        ``verify_ssl``, ``follow_redirects``: Passed to httpx (default: verify, do not follow).

        ``httpx_args``: More arguments for the ``httpx.Client`` / ``httpx.AsyncClient`` made internally.

        ``strict``: Reject enum values this client does not know (default: keep them as
        ``types.UnknownValue``); see :mod:`assistants_runs_client.types`.

    """

    _base_url: str = field(default=None, converter=_base_url, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: TimeoutTypes = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    max_retries: int = field(default=DEFAULT_MAX_RETRIES, kw_only=True)
    retry_policy: RetryPolicy = field(factory=RetryPolicy, kw_only=True)
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    strict: bool = field(default=False, kw_only=True)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    # True once set_httpx_client / set_async_httpx_client gave a user's own httpx client, which
    # lacks this client's base URL and headers: they are then added to each request instead.
    uses_own_httpx_client: bool = field(default=False, init=False)
    # The transports of the internal httpx clients, when requests may skip httpx.Client.send.
    direct_transport: httpx.BaseTransport | None = field(default=None, init=False, repr=False)
    direct_async_transport: httpx.AsyncBaseTransport | None = field(default=None, init=False, repr=False)

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> TimeoutTypes:
        return self._timeout

    def _sharing_connections(self, other: Client) -> Client:
        """``other`` using this client's httpx clients: only for settings sent with each request."""
        other._client, other._async_client = self._client, self._async_client
        other.direct_transport, other.direct_async_transport = self.direct_transport, self.direct_async_transport
        other.uses_own_httpx_client = self.uses_own_httpx_client
        return other

    def with_headers(self, headers: dict[str, str]) -> Client:
        """A new, independent client like this one, with more headers (this one is unchanged)."""
        other = evolve(self, headers={**self._headers, **headers})
        return self._sharing_connections(other) if self.uses_own_httpx_client else other

    def with_cookies(self, cookies: dict[str, str]) -> Client:
        """A new, independent client like this one, with more cookies (this one is unchanged)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: TimeoutTypes) -> Client:
        """A new client like this one (sharing its connections), with another timeout"""
        return self._sharing_connections(evolve(self, timeout=timeout))

    def with_retries(self, max_retries: int, policy: RetryPolicy | None = None) -> Client:
        """A new client like this one (sharing its connections), with another retry setting"""
        return self._sharing_connections(
            evolve(self, max_retries=max_retries, retry_policy=policy or self.retry_policy)
        )

    def request_headers(self) -> dict[str, str]:
        """The headers of every request: user agent, the spec's constant headers, ``headers``, and
        the key."""
        headers = {"User-Agent": USER_AGENT, **DEFAULT_HEADERS, **self._headers}
        return headers

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Send requests with your own httpx.Client (transport, proxies, event hooks, ...).

        This client's base URL, headers (key, beta header) and timeout still apply to every
        request; the httpx client's own cookies and other headers are added to them. The timeout
        of a sync call then limits each wait of your transport and is checked as each piece of the
        body arrives, but cannot cut a wait short (see ``_deadline``).
        """
        self._client = client
        self.direct_transport = None
        self.uses_own_httpx_client = True
        return self

    def _direct(self) -> bool:
        """Whether requests may go straight to the transport: httpx.Client.send then would only
        add what this client never uses (a cookie jar, auth and redirect handling, hooks, proxies
        from the environment), and its cookie jar alone costs a tenth of a call."""
        return (
            not self._cookies
            and not self._follow_redirects
            and self._httpx_args.keys() <= TRANSPORT_ARGS
            and not urllib.request.getproxies()
        )

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            args = dict(self._httpx_args)
            if self._direct():
                transport = args.pop("transport", None) or httpx.HTTPTransport(
                    **_transport_args(args, self._verify_ssl)
                )
                args["transport"] = self.direct_transport = transport
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self.request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **args,
            )
            bound_transports(self._client, self._httpx_args)
        return self._client

    def close(self) -> None:
        """Close the connections of the underlying httpx.Client"""
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """:meth:`set_httpx_client` for the async operations."""
        self._async_client = async_client
        self.direct_async_transport = None
        self.uses_own_httpx_client = True
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            args = dict(self._httpx_args)
            if self._direct():
                transport = args.pop("transport", None) or httpx.AsyncHTTPTransport(
                    **_transport_args(args, self._verify_ssl)
                )
                args["transport"] = self.direct_async_transport = transport
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self.request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **args,
            )
        return self._async_client

    async def aclose(self) -> None:
        """Close the connections of the underlying httpx.AsyncClient"""
        if self._async_client is not None:
            await self._async_client.aclose()

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class AuthenticatedClient:
    """A client that sends an API key (``Authorization: Bearer <token>``).

    Keyword arguments (all optional):

        ``base_url``: Where requests go; default ``$OPENAI_BASE_URL``, else
        ``https://api.openai.com/v1``.

        ``headers``, ``cookies``: Sent with every request, after the constant headers.

        ``timeout``: Seconds or an ``httpx.Timeout``; default 600 s, 5 s to connect.

        ``max_retries``: How often a failed request is tried again (default 2); ``retry_policy``
        sets the waits in between.

        ``verify_ssl``, ``follow_redirects``: Passed to httpx (default: verify, do not follow).

        ``httpx_args``: More arguments for the ``httpx.Client`` / ``httpx.AsyncClient`` made internally.

        ``strict``: Reject enum values this client does not know (default: keep them as
        ``types.UnknownValue``); see :mod:`assistants_runs_client.types`.

        ``token``: The API key; default ``$OPENAI_API_KEY``. Never shown in ``repr()``.

        ``prefix``, ``auth_header_name``: How the key is sent (default ``Authorization: Bearer <token>``).
    """

    _base_url: str = field(default=None, converter=_base_url, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: TimeoutTypes = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    max_retries: int = field(default=DEFAULT_MAX_RETRIES, kw_only=True)
    retry_policy: RetryPolicy = field(factory=RetryPolicy, kw_only=True)
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    strict: bool = field(default=False, kw_only=True)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    # True once set_httpx_client / set_async_httpx_client gave a user's own httpx client, which
    # lacks this client's base URL and headers: they are then added to each request instead.
    uses_own_httpx_client: bool = field(default=False, init=False)
    # The transports of the internal httpx clients, when requests may skip httpx.Client.send.
    direct_transport: httpx.BaseTransport | None = field(default=None, init=False, repr=False)
    direct_async_transport: httpx.AsyncBaseTransport | None = field(default=None, init=False, repr=False)

    token: str = field(default=None, converter=_api_key, repr=False)
    prefix: str = field(default="Bearer", kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)

    def __attrs_post_init__(self) -> None:
        register_secret(self.token)

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> TimeoutTypes:
        return self._timeout

    def _sharing_connections(self, other: AuthenticatedClient) -> AuthenticatedClient:
        """``other`` using this client's httpx clients: only for settings sent with each request."""
        other._client, other._async_client = self._client, self._async_client
        other.direct_transport, other.direct_async_transport = self.direct_transport, self.direct_async_transport
        other.uses_own_httpx_client = self.uses_own_httpx_client
        return other

    def with_headers(self, headers: dict[str, str]) -> AuthenticatedClient:
        """A new, independent client like this one, with more headers (this one is unchanged)."""
        other = evolve(self, headers={**self._headers, **headers})
        return self._sharing_connections(other) if self.uses_own_httpx_client else other

    def with_cookies(self, cookies: dict[str, str]) -> AuthenticatedClient:
        """A new, independent client like this one, with more cookies (this one is unchanged)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: TimeoutTypes) -> AuthenticatedClient:
        """A new client like this one (sharing its connections), with another timeout"""
        return self._sharing_connections(evolve(self, timeout=timeout))

    def with_retries(self, max_retries: int, policy: RetryPolicy | None = None) -> AuthenticatedClient:
        """A new client like this one (sharing its connections), with another retry setting"""
        return self._sharing_connections(
            evolve(self, max_retries=max_retries, retry_policy=policy or self.retry_policy)
        )

    def request_headers(self) -> dict[str, str]:
        """The headers of every request: user agent, the spec's constant headers, ``headers``, and
        the key."""
        headers = {"User-Agent": USER_AGENT, **DEFAULT_HEADERS, **self._headers}
        headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
        return headers

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Send requests with your own httpx.Client (transport, proxies, event hooks, ...).

        This client's base URL, headers (key, beta header) and timeout still apply to every
        request; the httpx client's own cookies and other headers are added to them. The timeout
        of a sync call then limits each wait of your transport and is checked as each piece of the
        body arrives, but cannot cut a wait short (see ``_deadline``).
        """
        self._client = client
        self.direct_transport = None
        self.uses_own_httpx_client = True
        return self

    def _direct(self) -> bool:
        """Whether requests may go straight to the transport: httpx.Client.send then would only
        add what this client never uses (a cookie jar, auth and redirect handling, hooks, proxies
        from the environment), and its cookie jar alone costs a tenth of a call."""
        return (
            not self._cookies
            and not self._follow_redirects
            and self._httpx_args.keys() <= TRANSPORT_ARGS
            and not urllib.request.getproxies()
        )

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            args = dict(self._httpx_args)
            if self._direct():
                transport = args.pop("transport", None) or httpx.HTTPTransport(
                    **_transport_args(args, self._verify_ssl)
                )
                args["transport"] = self.direct_transport = transport
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self.request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **args,
            )
            bound_transports(self._client, self._httpx_args)
        return self._client

    def close(self) -> None:
        """Close the connections of the underlying httpx.Client"""
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """:meth:`set_httpx_client` for the async operations."""
        self._async_client = async_client
        self.direct_async_transport = None
        self.uses_own_httpx_client = True
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            args = dict(self._httpx_args)
            if self._direct():
                transport = args.pop("transport", None) or httpx.AsyncHTTPTransport(
                    **_transport_args(args, self._verify_ssl)
                )
                args["transport"] = self.direct_async_transport = transport
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self.request_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **args,
            )
        return self._async_client

    async def aclose(self) -> None:
        """Close the connections of the underlying httpx.AsyncClient"""
        if self._async_client is not None:
            await self._async_client.aclose()

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
