"""What runs beside the screens: background jobs, the editor hand-off, gc, launching."""
