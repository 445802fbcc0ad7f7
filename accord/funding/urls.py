"""The funding app's pages: the pipeline and exchange rates (pipeline_urls.py), pledges,
contributions, targets and the funding view (money_urls.py)."""

from accord.funding import money_urls, pipeline_urls

app_name = "funding"
urlpatterns = [*pipeline_urls.urlpatterns, *money_urls.urlpatterns]
