"""Speed and memory figures for tdd-tui, each beside a baseline measured in the same run."""
