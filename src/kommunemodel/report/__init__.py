"""Human-readable renderings of models: text summaries (and later HTML reports and plots)."""
