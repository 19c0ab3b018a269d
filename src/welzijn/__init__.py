"""welzijn: platform for a city's department of Welfare and Society."""
