"""Platform reader tests; ``support`` holds their shared helpers."""

import pytest

# the helpers assert too: show their comparisons the way pytest shows a test's own
pytest.register_assert_rewrite(f"{__name__}.support")
