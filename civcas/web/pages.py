"""Server-rendered pages (Jinja2, autoescaped; a little vanilla JS; every asset served from here)."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from civcas import geo, review
from civcas.api import (
    MAX_LIMIT,
    CheckIn,
    Filters,
    SortKey,
    StoreDep,
    check_json,
    outlet_detail,
    require_reader,
)
from civcas.models import ACTORS, FIGURE_PATHS, GOVERNORATES, WEAPONS, Claim
from civcas.store import Store
from civcas.web import views

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
SESSION_COOKIE = "civcas_session"
LOGIN_COOKIE = "civcas_login"  # a random nonce the login form's CSRF token is tied to
GRADES = ("confirmed", "contested", "fair", "weak", "discounted")
CAPITALS = {  # governorate -> its capital, looked up in the gazetteer for the map
    "Damascus": "Damascus",
    "Aleppo": "Aleppo",
    "Idlib": "Idlib",
    "Hama": "Hama",
    "Homs": "Homs",
    "Latakia": "Latakia",
    "Tartus": "Tartus",
    "Deir ez-Zor": "Deir ez-Zor",
    "Raqqa": "Raqqa",
    "Hasakah": "Al-Hasakah",
    "Daraa": "Daraa",
    "Suwayda": "As-Suwayda",
    "Quneitra": "Quneitra",
}

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.auto_reload = False  # the package's templates do not change while it runs: no stat per render
templates.env.globals.update(
    range_text=views.range_text,
    figure_text=views.figure_text,
    quote=lambda s: quote(str(s), safe=""),
    date_range=views.date_range,
    FIGURES=FIGURE_PATHS,
)
router = APIRouter(dependencies=[Depends(require_reader)], include_in_schema=False)


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.row_cache = RowCache()


class RowCache:
    """The list's table rows as rendered HTML, per incident, while the data revision stays the same.

    A list page then costs its id query and the rows it has not met yet; any write to the database
    (data revision, migration 0006_web) empties the cache. Off SQLite there is no revision: every row
    is rendered each time.
    """

    def __init__(self, max_rows: int = 50_000):
        self.max_rows, self.revision, self.html = max_rows, None, {}

    def rows(self, store: Store, ids: list[str]) -> list[Markup]:
        revision = store.data_revision()
        if revision is None or revision != self.revision or len(self.html) > self.max_rows:
            self.html, self.revision = {}, revision
        missing = [i for i in ids if i not in self.html]
        if missing:
            render_row = templates.env.get_template("_macros.html").module.incident_row
            found = store.incidents_by_id(missing, with_links=False)
            rendered = {i: render_row(incident) for i, incident in found.items()}
            if revision is None:
                return [rendered[i] for i in ids if i in rendered]
            self.html.update(rendered)
        return [self.html[i] for i in ids if i in self.html]


# ---------------------------------------------------------------- session, CSRF, errors


def session_user(request: Request) -> str | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    return request.app.state.store.user_for_token(token) if token else None


def csrf_token(request: Request) -> str:
    return _signed(request, request.cookies.get(SESSION_COOKIE, ""))


def login_csrf_token(request: Request, nonce: str) -> str:
    """The login form's token, tied to a random pre-login cookie: another site cannot post a login
    (and sign a visitor in as someone else) without reading that cookie."""
    return _signed(request, "login:" + nonce)


def _signed(request: Request, value: str) -> str:
    secret = request.app.state.settings.secret.encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


async def require_form_writer(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> str:
    user = session_user(request)
    if user is None:
        raise HTTPException(401, "log in with your token first")
    if not hmac.compare_digest(csrf, csrf_token(request)):
        raise HTTPException(403, "the form's CSRF token does not match your session; reload the page")
    return user


FormWriter = Annotated[str, Depends(require_form_writer)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.update(user=session_user(request), csrf=csrf_token(request), settings=request.app.state.settings)
    return templates.TemplateResponse(request, name, context, status_code=status)


async def http_error(request: Request, exc: HTTPException) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return render(
        request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail
    )


# ---------------------------------------------------------------- pages


@router.get("/", response_class=HTMLResponse)
async def incident_list(
    request: Request,
    store: StoreDep,
    filters: Filters,
    sort: SortKey = "date",
    order: str = Query("asc", pattern="^(asc|desc)$"),
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    ids, total = filters.page_ids(store, sort, order, limit, offset)
    rows = request.app.state.row_cache.rows(store, ids)
    params = {k: v for k, v in request.query_params.items() if k not in ("offset",) and v != ""}

    def link(**changes: Any) -> str:
        merged = {**params, **{k: v for k, v in changes.items()}}
        return "/?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})

    def sort_link(key: str) -> str:
        flip = "desc" if sort == key and order == "asc" else "asc"
        return link(sort=key, order=flip, offset=None)

    return render(
        request,
        "list.html",
        rows=rows,
        total=total,
        filters=filters,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
        sort_link=sort_link,
        prev_link=link(offset=max(0, offset - limit)) if offset > 0 else None,
        next_link=link(offset=offset + limit) if offset + limit < total else None,
        governorates=GOVERNORATES,
        actors=ACTORS,
        weapons=WEAPONS,
        grades=GRADES,
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
async def incident_page(incident_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    bundle = store.incident_bundle(incident_id)
    if bundle is None:
        raise HTTPException(404, f"no incident {incident_id}")
    incident, claims, articles = bundle.incident, bundle.claims, bundle.articles
    excerpts = {c.id: views.highlight(articles[c.article_id].text, views.claim_spans(c)) for c in claims}
    place = incident.place
    point = (place.lon, place.lat) if place and place.lat is not None and place.lon is not None else None
    return render(
        request,
        "incident.html",
        incident=incident,
        claims=claims,
        articles=articles,
        camps={a_id: views.outlet_camp(a.outlet) for a_id, a in articles.items()},
        verdicts={a_id: bundle.assessments.get(a_id) for a_id in articles},
        excerpts=excerpts,
        audit=bundle.audit,
        reviewed=bundle.reviewed,
        grade_rule=views.GRADE_RULES.get(incident.grade or ""),
        date_range=views.date_range(incident),
        mini_map=svg_map([(point, incident.id, incident.grade)] if point else [], width=260),
        editable=review.EDITABLE,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(article_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    claims = store.claims(article_id=article_id)
    spans = [span for c in claims for span in views.claim_spans(c)]
    return render(
        request,
        "article.html",
        article=article,
        camp=views.outlet_camp(article.outlet),
        claims=claims,
        pieces=views.highlight(article.text, spans),
        assessment=store.assessment(article_id),
    )


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(name: str, request: Request, store: StoreDep) -> HTMLResponse:
    detail = outlet_detail(store, name)
    if detail is None:
        raise HTTPException(404, f"no outlet {name}")
    return render(request, "outlet.html", outlet=detail)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    incidents = store.incidents()
    points = [
        ((i.place.lon, i.place.lat), i.id, i.grade)
        for i in incidents
        if i.place and i.place.lat is not None and i.place.lon is not None
    ]
    return render(
        request,
        "map.html",
        svg=svg_map(points, width=720, labels=True),
        n_points=len(points),
        n_total=len(incidents),
        tile_points=[{"id": i, "grade": g or "none", "lon": lon, "lat": lat} for (lon, lat), i, g in points],
    )


@router.get("/map/outlines-{width}.svg")
def outlines_svg(width: Annotated[int, PathParam(ge=100, le=2000)]) -> Response:
    """The governorate outlines alone, for small maps: one download the browser keeps a day."""
    return Response(
        templates.env.get_template("outlines.svg").render(m=svg_map([], width, labels=True)),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/map/governorates.geojson")
def governorates_geojson() -> FileResponse:
    """The outlines the map draws, for the tiled map's script."""
    return FileResponse(GOVERNORATES_FILE, media_type="application/geo+json")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep) -> HTMLResponse:
    months = every_month(store.incident_months())
    return render(request, "timeline.html", months=months, chart=timeline_svg(months))


def every_month(months: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """The months from the first to the last, those without an incident as zeros (a gap is news)."""
    if not months:
        return []
    known = {m[0]: m for m in months}
    year, month = map(int, months[0][0].split("-"))
    filled = []
    while True:
        key = f"{year:04d}-{month:02d}"
        filled.append(known.get(key, (key, 0, 0, 0)))
        if key == months[-1][0]:
            return filled
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> HTMLResponse:
    return render(request, "check.html", result=None, form={})


@router.post("/check", response_class=HTMLResponse)
def check_page(
    request: Request,
    store: StoreDep,
    text: Annotated[str, Form(min_length=1, max_length=500_000)],
    title: Annotated[str, Form(max_length=1000)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError as e:
        raise HTTPException(400, f"not a date (YYYY-MM-DD): {published}") from e
    body = CheckIn(text=text, title=title, outlet=outlet or None, published=day)
    result = check_json(store, body)
    claims = [Claim.from_dict(c) for c in result["claims"]]
    spans = [span for c in claims for span in views.claim_spans(c)]
    return render(
        request,
        "check.html",
        result=result,
        claims=claims,
        pieces=views.highlight(text, spans),
        form={"text": text, "title": title, "outlet": outlet, "published": published},
    )


# ---------------------------------------------------------------- login and review forms


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


def _login_page(request: Request, status: int = 200, error: str | None = None) -> HTMLResponse:
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(16)
    response = render(request, "login.html", status, error=error, login_csrf=login_csrf_token(request, nonce))
    _set_cookie(request, response, LOGIN_COOKIE, nonce, max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or not hmac.compare_digest(csrf, login_csrf_token(request, nonce)):
        raise HTTPException(403, "the login form's CSRF token does not match; reload the login page")
    if store.user_for_token(token.strip()) is None:
        return _login_page(request, status=401, error="unknown token")
    response = RedirectResponse("/", status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, token.strip(), max_age=30 * 86400)
    response.delete_cookie(LOGIN_COOKIE)
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    secure = request.app.state.settings.secure_cookies
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure, max_age=max_age)


@router.post("/logout")
def logout(user: FormWriter) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _back(incident_id: str) -> RedirectResponse:
    return RedirectResponse(f"/incidents/{quote(incident_id, safe='')}", status_code=303)


def _apply(fn, *args) -> Any:
    try:
        return fn(*args)
    except review.NotFound as e:
        raise HTTPException(404, str(e)) from e
    except review.ReviewError as e:
        raise HTTPException(400, str(e)) from e


@router.post("/incidents/{incident_id}/edit")
def edit_claim_form(
    incident_id: str,
    store: StoreDep,
    user: FormWriter,
    claim_id: Annotated[str, Form(max_length=220)],
    field: Annotated[str, Form(max_length=40)],
    value: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    _apply(review.edit_claim, store, claim_id, field, value, user)
    return _back(incident_id)


@router.post("/incidents/{incident_id}/merge")
def merge_form(
    incident_id: str, store: StoreDep, user: FormWriter, other: Annotated[str, Form(max_length=40)]
) -> Response:
    _apply(review.merge, store, incident_id, other.strip(), user)
    return _back(incident_id)


@router.post("/incidents/{incident_id}/split")
def split_form(
    incident_id: str,
    store: StoreDep,
    user: FormWriter,
    claim_ids: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies the default
) -> Response:
    new_id = _apply(review.split, store, incident_id, claim_ids, user)
    return _back(new_id)


@router.post("/incidents/{incident_id}/reviewed")
def reviewed_form(
    incident_id: str, store: StoreDep, user: FormWriter, reviewed: Annotated[str, Form()] = "1"
) -> Response:
    _apply(review.mark_reviewed, store, incident_id, user, reviewed == "1")
    return _back(incident_id)


# ---------------------------------------------------------------- SVG drawing (offline)


GOVERNORATES_FILE = DATA / "syria_governorates.geojson"  # provenance: civcas/data/README.md


@lru_cache(maxsize=1)
def _governorates() -> list[tuple[str | None, list[list[tuple[float, float]]]]]:
    """(governorate, rings) per outline; None is the UNDOF zone, which belongs to no governorate."""
    data = json.loads(GOVERNORATES_FILE.read_text(encoding="utf-8"))
    outlines = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        rings = [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]
        outlines.append((feature["properties"]["governorate"], rings))
    return outlines


@lru_cache(maxsize=1)
def _capitals() -> list[tuple[str, float, float]]:
    gazetteer = geo.Gazetteer.default()
    found = []
    for governorate, city in CAPITALS.items():
        hits = [
            e for e, _score in gazetteer.lookup(city, governorate) if e.lat is not None and e.lon is not None
        ]
        if hits:
            found.append((governorate, hits[0].lon, hits[0].lat))
    return found


BBOX = (35.5, 32.2, 42.5, 37.4)  # lon/lat box around Syria's outline


def _project(width: int, digits: int = 1):
    lon0, lat0, lon1, lat1 = BBOX
    scale = width / ((lon1 - lon0) * math.cos(math.radians((lat0 + lat1) / 2)))
    height = (lat1 - lat0) * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x = (lon - lon0) * math.cos(math.radians((lat0 + lat1) / 2)) * scale
        return round(x, digits), round(height - (lat - lat0) * scale, digits)

    return xy, round(height)


def svg_map(
    points: list[tuple[tuple[float, float], str, str | None]], width: int, labels: bool = False
) -> dict:
    """Everything the map template needs: governorate paths, capitals, incident dots (no HTML here).
    A small map (no labels) draws the outlines as an image the browser fetches once (outlines_svg)."""
    xy, height = _project(width)
    paths = _governorate_paths(width) if labels else []
    capitals = [(name, *xy(lon, lat)) for name, lon, lat in _capitals()] if labels else []
    dots = [(incident_id, grade or "none", *xy(lon, lat)) for (lon, lat), incident_id, grade in points]
    outlines = None if labels else f"/map/outlines-{width}.svg"
    return {
        "width": width,
        "height": height,
        "paths": paths,
        "outlines": outlines,
        "capitals": capitals,
        "dots": dots,
    }


@lru_cache(maxsize=8)
def _governorate_paths(width: int) -> list[tuple[str | None, str]]:
    """SVG path data per outline at this width, projected once per process; a small map (an incident
    page's) keeps one vertex per whole pixel, which is all it can show."""
    xy, _height = _project(width, digits=1 if width >= 500 else 0)
    return [(name, " ".join(_svg_ring(ring, xy) for ring in rings)) for name, rings in _governorates()]


def _svg_ring(ring: list[tuple[float, float]], xy) -> str:
    points = [xy(lon, lat) for lon, lat in ring]
    kept = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    return " ".join(("M" if k == 0 else "L") + f"{x:g},{y:g}" for k, (x, y) in enumerate(kept)) + " Z"


def timeline_svg(months: list[tuple[str, int, int, int]], width: int = 860, height: int = 260) -> dict:
    """Bars of incidents per month, and the civilian-deaths min–max band, scaled for an SVG."""
    if not months:
        return {"width": width, "height": height, "bars": [], "band": "", "low": "", "ticks": []}
    pad, n = 40, len(months)
    step = (width - 2 * pad) / n
    top_incidents = max(m[1] for m in months) or 1
    top_deaths = max(m[3] for m in months) or 1
    plot = height - 2 * pad

    def y(value: float, top: float) -> float:
        return round(height - pad - plot * value / top, 1)

    bars = [
        (
            month,
            count,
            round(pad + k * step + 1, 1),
            y(count, top_incidents),
            round(max(step - 2, 1), 1),
            low,
            high,
        )
        for k, (month, count, low, high) in enumerate(months)
    ]
    xs = [round(pad + (k + 0.5) * step, 1) for k in range(n)]
    upper = [f"{x},{y(m[3], top_deaths)}" for x, m in zip(xs, months, strict=True)]
    lower = [f"{x},{y(m[2], top_deaths)}" for x, m in zip(xs, months, strict=True)]
    band = " ".join(upper + lower[::-1])
    every = max(1, n // 12)
    ticks = [(months[k][0], xs[k]) for k in range(0, n, every)]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "band": band,
        "low": " ".join(lower),
        "high": " ".join(upper),
        "ticks": ticks,
        "top_incidents": top_incidents,
        "top_deaths": top_deaths,
        "base": height - pad,
    }
