"""Subscribe (double opt-in), confirm, unsubscribe. GET never changes anything."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from newsletter import services, tokens
from newsletter.consent import CONSENT_WORDING
from newsletter.forms import SubscribeForm
from newsletter.mail import site_url_for
from throttle.identity import hashed_client_ip
from throttle.limits import check_rate

# The box lives in the comparisons' template (it is part of their pages); its partials are
# the form, the thank-you message and nothing else.
BOX = "comparisons/_newsletter.html"


def see_other(url_name: str) -> HttpResponseRedirect:
    """POST/redirect/GET: 303 makes every browser follow with a GET."""
    response = HttpResponseRedirect(reverse(url_name))
    response.status_code = 303
    return response


@require_POST
@vary_on_headers("HX-Request")
def subscribe(request):
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _box_response(request, "subscribe_form", {"form": form}, status=400)
    decision = check_rate(request, "newsletter")
    if not decision.allowed:
        context = {"form": form, "retry_after": decision.retry_after}
        response = _box_response(request, "subscribe_form", context, status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response
    services.subscribe(
        email=form.cleaned_data["email"],
        consent_wording=CONSENT_WORDING,
        ip_hash=hashed_client_ip(request),
        site_url=site_url_for(request),
    )
    # The same answer whether the address was new, pending or already confirmed.
    if request.htmx:
        return render(request, f"{BOX}#thanks")
    return see_other("newsletter:thanks")


def _box_response(request, partial: str, context: dict, *, status: int):
    if request.htmx:
        return render(request, f"{BOX}#{partial}", context, status=status)
    return render(request, "newsletter/subscribe.html", context, status=status)


@require_GET
def thanks(request):
    return render(request, "newsletter/subscribe.html", {"newsletter_thanks": True})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button (mail scanners follow links); only its POST confirms."""
    hashed, problem = tokens.read_confirm_token(token)
    if problem:
        context = {"problem": problem, "valid_days": tokens.CONFIRM_LINK_MAX_AGE.days}
        return render(request, "newsletter/confirm.html", context, status=400)
    if request.method == "GET":
        return render(request, "newsletter/confirm.html", {"token": token})
    if not services.confirm(hashed_address=hashed):
        return render(request, "newsletter/confirm.html", {"problem": "gone"}, status=400)
    return see_other("newsletter:confirmed")


@require_GET
def confirmed(request):
    return render(request, "newsletter/confirm.html", {"confirmed": True})


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookies, so no CSRF
# token. Exempting only this view is safe: acting needs a signed token from our own e-mail.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button; POST unsubscribes. Any token gets the same calm answer."""
    if request.method == "GET":
        return render(request, "newsletter/unsubscribe.html", {"token": token})
    hashed = tokens.read_unsubscribe_token(token)
    if hashed:
        services.unsubscribe(hashed_address=hashed)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return see_other("newsletter:unsubscribed")


@require_GET
def unsubscribed(request):
    return render(request, "newsletter/unsubscribe.html", {"done": True})
