"""The civcas web application: FastAPI app factory, the JSON API under /api/, and the pages (civcas.web).

Reading is open unless ``Settings.read_requires_token``; writing needs a user's token
(``civcas user add NAME``): ``Authorization: Bearer TOKEN`` for the API, a login cookie plus a CSRF
field for the page forms. Request bodies over ``Settings.max_body_bytes`` get 413.
"""

from __future__ import annotations

import gc
import json
import os
import secrets
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

import swagger_ui_bundle
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, Field

from civcas import credibility, export, geo, pipeline, review
from civcas.models import Article
from civcas.store import INCIDENT_SORTS, Store
from civcas.web import views
from civcas.web.cache import ResponseCache
from civcas.web.views import outlet_camp

API_TITLE = "civcas"
MAX_LIMIT = 500


@dataclass
class Settings:
    read_requires_token: bool = False  # close reading to users with a token
    max_body_bytes: int = 1_000_000
    tile_url: str | None = None  # e.g. a local tile server for /map; None draws the offline outlines only
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))  # signs CSRF tokens
    secure_cookies: bool = False  # set when served over HTTPS


class BodyLimit:
    """ASGI middleware: 413 for a body over the limit, whether it says its length or streams it."""

    def __init__(self, app: Any, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _too_large(self.limit, send)
        chunks, seen, more = [], 0, True
        while more:  # read the whole body first (it is small by definition), counting as it streams in
            message = await receive()
            if message["type"] != "http.request":
                return await self.app(scope, _replay([message], receive), send)
            seen += len(message.get("body", b""))
            if seen > self.limit:
                return await _too_large(self.limit, send)
            chunks.append(message)
            more = message.get("more_body", False)
        await self.app(scope, _replay(chunks, receive), send)


def _replay(messages: list[dict], receive):
    pending = list(messages)

    async def replayed():
        return pending.pop(0) if pending else await receive()

    return replayed


async def _too_large(limit: int, send) -> None:
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------- dependencies
# Quick dependencies and page reads are ``async def``: FastAPI runs a plain ``def`` in a worker thread,
# and the hop there and back cost more than a list page's queries (SQLite reads take a millisecond).


async def get_store(request: Request) -> Store:
    return request.app.state.store


def bearer_user(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return request.app.state.store.user_for_token(token.strip())


async def require_writer(request: Request) -> str:
    user = bearer_user(request)
    if user is None:
        raise HTTPException(
            401, "a valid token is needed: Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"}
        )
    return user


async def require_reader(request: Request) -> None:
    if not request.app.state.settings.read_requires_token:
        return
    token = request.cookies.get("civcas_session", "")
    if bearer_user(request) is None and request.app.state.store.user_for_token(token) is None:
        raise HTTPException(401, "reading needs a token on this server", {"WWW-Authenticate": "Bearer"})


StoreDep = Annotated[Store, Depends(get_store)]
Writer = Annotated[str, Depends(require_writer)]


@dataclass
class IncidentFilters:
    governorate: str | None
    date_from: date | None
    date_to: date | None
    actor: str | None
    weapon: str | None
    grade: str | None
    min_killed: int | None
    q: str | None

    def store_kwargs(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["governorate"] = geo.canonical_governorate(self.governorate) or self.governorate
        return d

    def page(self, store: Store, sort: str, order: str, limit: int, offset: int) -> tuple[list, int]:
        """One page of the incident list, as both the JSON API and the list page show it."""
        query = self.store_kwargs() | {"sort": sort, "descending": order == "desc"}
        return store.incident_page(**query, limit=limit, offset=offset, with_links=False)

    def page_ids(self, store: Store, sort: str, order: str, limit: int, offset: int) -> tuple[list[str], int]:
        query = self.store_kwargs() | {"sort": sort, "descending": order == "desc"}
        return store.incident_page_ids(**query, limit=limit, offset=offset)


_EMPTY_IS_NONE = BeforeValidator(lambda v: None if v == "" else v)  # an empty form field means "any"


async def incident_filters(
    governorate: Annotated[str | None, Query(max_length=100, description="e.g. Deir ez-Zor")] = None,
    date_from: Annotated[
        date | None, Query(description="YYYY-MM-DD: incidents ending on or after"), _EMPTY_IS_NONE
    ] = None,
    date_to: Annotated[
        date | None, Query(description="YYYY-MM-DD: incidents starting on or before"), _EMPTY_IS_NONE
    ] = None,
    actor: Annotated[str | None, Query(max_length=100, description="e.g. us_led_coalition")] = None,
    weapon: Annotated[str | None, Query(max_length=100, description="e.g. airstrike")] = None,
    grade: Annotated[str | None, Query(max_length=100)] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=10_000_000), _EMPTY_IS_NONE] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="words in the articles' title or text")
    ] = None,
) -> IncidentFilters:
    blank = lambda v: v if v not in ("",) else None  # noqa: E731  (empty form fields mean "any")
    return IncidentFilters(
        blank(governorate),
        date_from,
        date_to,
        blank(actor),
        blank(weapon),
        blank(grade),
        min_killed,
        blank(q),
    )


Filters = Annotated[IncidentFilters, Depends(incident_filters)]
SortKey = Literal["date", "governorate", "place", "killed", "grade", "sources", "outlets", "id"]
assert set(SortKey.__args__) == set(INCIDENT_SORTS)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- request bodies


class CheckIn(BaseModel):
    text: str = Field(min_length=1, max_length=500_000)
    title: str = Field("", max_length=1000)
    published: date | None = None
    outlet: str | None = Field(None, max_length=200)


class ClaimEdit(BaseModel):
    field: str = Field(max_length=40, description=f"one of {', '.join(review.EDITABLE)}")
    value: str | None = Field(None, max_length=200, description="empty or null clears the field")


class MergeIn(BaseModel):
    other: str = Field(max_length=40, description="the incident absorbed into this one")


class SplitIn(BaseModel):
    claim_ids: list[str] = Field(min_length=1, max_length=1000)


class ReviewedIn(BaseModel):
    reviewed: bool = True


# ---------------------------------------------------------------- the API

api = APIRouter(prefix="/api", dependencies=[Depends(require_reader)])


@api.get("/incidents", summary="Incidents, filtered, sorted and paginated")
async def list_incidents(
    store: StoreDep,
    filters: Filters,
    sort: SortKey = "date",
    order: Literal["asc", "desc"] = "asc",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    items, total = filters.page(store, sort, order, limit, offset)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [views.incident_summary(i) for i in items],
    }


@api.get("/incidents/{incident_id}", summary="One incident: claims side by side, ranges, grade, links")
async def get_incident(incident_id: str, store: StoreDep) -> dict[str, Any]:
    return incident_json(store, incident_id)


def incident_json(store: Store, incident_id: str) -> dict[str, Any]:
    bundle = store.incident_bundle(incident_id)
    if bundle is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return views.incident_detail(bundle)


@api.get("/articles/{article_id}", summary="One article with its claims and assessment")
async def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return views.article_json(store, article)


@api.get("/claims", summary="Claims, filtered and paginated")
def list_claims(
    store: StoreDep,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
    incident_id: Annotated[str | None, Query(max_length=40)] = None,
    governorate: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    weapon: Annotated[str | None, Query(max_length=100)] = None,
    role: Annotated[Literal["main", "related", "background"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    governorate = geo.canonical_governorate(governorate) or governorate
    items, total = store.claim_page(
        article_id=article_id,
        incident_id=incident_id,
        governorate=governorate,
        actor=actor,
        weapon=weapon,
        role=role,
        limit=limit,
        offset=offset,
    )
    return {"total": total, "limit": limit, "offset": offset, "items": [views.claim_json(c) for c in items]}


@api.get("/outlets", summary="Outlets with stored articles, their camp where known")
def list_outlets(store: StoreDep) -> list[dict[str, Any]]:
    return [{**o.__dict__, "camp": outlet_camp(o.name)} for o in store.outlets()]


@api.get("/outlets/{name}", summary="One outlet: its articles, and how its figures compare with consensus")
def get_outlet(name: str, store: StoreDep) -> dict[str, Any]:
    found = outlet_detail(store, name)
    if found is None:
        raise HTTPException(404, f"no outlet {name}")
    return found


def outlet_detail(store: Store, name: str) -> dict[str, Any] | None:
    summary = next((o for o in store.outlets() if o.name == name), None)
    if summary is None:
        return None
    rows = []
    for article in store.articles_by_outlet(name):
        assessment = store.assessment(article.id)
        for claim in store.claims(article_id=article.id):
            incident = store.get_incident(claim.incident_id) if claim.incident_id else None
            consensus = incident.casualties.get("killed.total") if incident else None
            rows.append(
                {
                    "article_id": article.id,
                    "published": article.published.isoformat() if article.published else None,
                    "claim_id": claim.id,
                    "incident_id": claim.incident_id,
                    "killed": claim.figure("killed.total"),
                    "consensus_min": consensus[0] if consensus else None,
                    "consensus_max": consensus[1] if consensus else None,
                    "n_outlets": incident.n_outlets if incident else 0,
                    "verdict": assessment.verdict if assessment else None,
                }
            )
    return {**summary.__dict__, "camp": outlet_camp(name), "claims": rows}


@api.post("/check", summary="Check an article against the database without storing it")
def check(body: CheckIn, store: StoreDep) -> dict[str, Any]:
    return check_json(store, body)


def check_json(store: Store, body: CheckIn) -> dict[str, Any]:
    article = Article(
        id="unsaved-check",
        title=body.title,
        text=body.text,
        outlet=body.outlet or None,
        published=body.published,
        source_format="check",
    )
    result = pipeline.check_article(store, article)
    matches = []
    for claim in result.claims:
        cluster = result.matches.get(claim.id)
        link = next((lk for lk in cluster.links if lk.claim_id == claim.id), None) if cluster else None
        incident = store.get_incident(cluster.id) if cluster else None
        matches.append(
            {
                "claim_id": claim.id,
                "incident": views.incident_summary(incident) if incident else None,
                "link": views.link_json(link) if link else None,
            }
        )
    evidence = credibility.evidence_from_store(store, article, result.claims)
    return {
        "claims": [views.claim_json(c) for c in result.claims],
        "matches": matches,
        "credibility": views.verdict_json(credibility.assess(article, result.claims, evidence)),
        "camp": outlet_camp(body.outlet),
    }


@api.get("/audit", summary="The audit log of analyst changes, newest first")
def audit(
    store: StoreDep,
    target_type: Literal["claim", "incident"] | None = None,
    target_id: Annotated[str | None, Query(max_length=220)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    ids = [target_id] if target_id else None
    return [e.to_dict() for e in store.audit_log(target_type=target_type, target_ids=ids, limit=limit)]


def _export_incidents(store: Store, filters: IncidentFilters):
    items, _ = store.incident_page(**filters.store_kwargs(), limit=10_000_000, with_links=False)
    return items


@api.get("/export.csv", summary="Incidents as CSV with ACLED-like columns")
def export_csv(store: StoreDep, filters: Filters) -> Response:
    return Response(
        export.to_acled_csv(_export_incidents(store, filters)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="incidents.csv"'},
    )


@api.get("/export.geojson", summary="Incidents as a GeoJSON FeatureCollection")
def export_geojson(store: StoreDep, filters: Filters) -> Response:
    return Response(export.to_geojson(_export_incidents(store, filters)), media_type="application/geo+json")


@api.get("/export.jsonl", summary="Incidents as JSON Lines")
def export_jsonl(store: StoreDep, filters: Filters) -> Response:
    return Response(export.to_jsonl(_export_incidents(store, filters)), media_type="application/x-ndjson")


# ---------------------------------------------------------------- writing (token)


def _review_call(fn, *args):
    try:
        return fn(*args)
    except review.NotFound as e:
        raise HTTPException(404, str(e)) from e
    except review.ReviewError as e:
        raise HTTPException(400, str(e)) from e


@api.post("/claims/{claim_id:path}", summary="Edit one field of a claim (audited; marks it reviewed)")
def edit_claim(claim_id: str, body: ClaimEdit, store: StoreDep, user: Writer) -> dict[str, Any]:
    claim = _review_call(review.edit_claim, store, claim_id, body.field, body.value, user)
    return views.claim_json(claim)


@api.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one (audited)")
def merge(incident_id: str, body: MergeIn, store: StoreDep, user: Writer) -> dict[str, Any]:
    _review_call(review.merge, store, incident_id, body.other, user)
    return incident_json(store, incident_id)


@api.post("/incidents/{incident_id}/split", summary="Move some claims into a new incident (audited)")
def split(incident_id: str, body: SplitIn, store: StoreDep, user: Writer) -> dict[str, Any]:
    new_id = _review_call(review.split, store, incident_id, body.claim_ids, user)
    return {"incident_id": incident_id, "new_incident_id": new_id}


@api.post("/incidents/{incident_id}/reviewed", summary="Mark an incident reviewed or not (audited)")
def reviewed(incident_id: str, body: ReviewedIn, store: StoreDep, user: Writer) -> dict[str, Any]:
    _review_call(review.mark_reviewed, store, incident_id, user, body.reviewed)
    return {"incident_id": incident_id, "reviewed": store.is_reviewed(incident_id)}


# ---------------------------------------------------------------- the app


def create_app(
    db_url: str | None = None, settings: Settings | None = None, store: Store | None = None
) -> FastAPI:
    """The application over the database ``db_url`` (path or SQLAlchemy URL; default as the CLI's)."""
    from civcas.web import pages  # the pages import the API's helpers

    settings = settings or Settings()
    app = FastAPI(
        title=API_TITLE,
        description="civilian-harm incidents from war-news reports",
        version="0.1.0",
        docs_url=None,  # served below from the swagger-ui-bundle package: no CDN
        redoc_url=None,
        lifespan=_lifespan(store is None),
    )
    app.state.store = store or Store.open(db_url)
    app.state.settings = settings
    app.include_router(api)
    app.include_router(pages.router)
    pages.mount_static(app)
    app.add_exception_handler(HTTPException, pages.http_error)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if not settings.read_requires_token:  # a closed server checks every reader's token: nothing to share
        app.add_middleware(ResponseCache, revision=app.state.store.data_revision)

    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{API_TITLE} API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
        )

    return app


def settings_to_env(settings: Settings, db_url: str) -> dict[str, str]:
    """What ``app_from_env`` reads: how ``civcas serve`` hands its settings to each worker process."""
    env = {
        "CIVCAS_DB": db_url,
        "CIVCAS_PRIVATE": "1" if settings.read_requires_token else "",
        "CIVCAS_MAX_BODY": str(settings.max_body_bytes),
        "CIVCAS_SECRET": settings.secret,
        "CIVCAS_SECURE_COOKIES": "1" if settings.secure_cookies else "",
    }
    return env | ({"CIVCAS_TILE_URL": settings.tile_url} if settings.tile_url else {})


def app_from_env() -> FastAPI:
    """The app as ``settings_to_env`` described it (uvicorn's factory for each worker)."""
    env = os.environ
    settings = Settings(
        read_requires_token=bool(env.get("CIVCAS_PRIVATE")),
        max_body_bytes=int(env.get("CIVCAS_MAX_BODY") or 1_000_000),
        tile_url=env.get("CIVCAS_TILE_URL") or None,
        secure_cookies=bool(env.get("CIVCAS_SECURE_COOKIES")),
    )
    if env.get("CIVCAS_SECRET"):
        settings.secret = env["CIVCAS_SECRET"]
    return create_app(env.get("CIVCAS_DB"), settings)


def _lifespan(owns_store: bool):
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The ~150k objects of the loaded modules never die: leave them out of garbage collection,
        # whose full passes over them took 100-200 ms and were the slowest requests' wait.
        gc.collect()
        gc.freeze()
        yield
        if owns_store:
            app.state.store.close()

    return lifespan


def error_json(status: int, detail: Any) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)
