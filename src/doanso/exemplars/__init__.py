"""Role-model values, self-assessment, nominations and honours (issue 16)."""
