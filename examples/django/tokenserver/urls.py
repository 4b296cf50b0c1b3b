"""GET /rtc/<channel>/<role>/<tokentype>/<uid>/ (trailing slash optional) and GET /ping."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("ping", views.ping),
    re_path(r"^rtc/(?P<channel>[^/]+)/(?P<role>[^/]+)/(?P<tokentype>[^/]+)/(?P<uid>[^/]+)/?$", views.rtc_token),
]
