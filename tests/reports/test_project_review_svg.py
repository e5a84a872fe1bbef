"""The project review's path chart (reports/project_review._svg)."""

from ecer.reports.project_review import _svg


def test_a_path_of_one_year_is_drawn_as_points():
    """A project that starts in the target year has a path of one year: a polyline of one point draws nothing, so
    every year has a marker. By hand: scale 0 … 1.05 × 100 = 105 over the 170 px between top 20 and bottom 190, so
    y(100) = 20 + 170 × (1 − 100/105) = 28.1 and y(50) = 20 + 170 × (1 − 50/105) = 109.0, at x = the left margin 70."""
    svg = _svg([{"year": 2025, "energy_without": 50.0, "energy_with": 100.0}], None)
    assert '<circle cx="70.0" cy="109.0" r="3" fill="#2f6fb0"/>' in svg  # without the project
    assert '<circle cx="70.0" cy="28.1" r="3" fill="#c0392b"/>' in svg  # with it
    assert svg.count("<circle") == 2 and ">2025<" in svg
