"""What every stage stands on: the one writer (output), recorded reads (dependencies), child processes, locations."""
