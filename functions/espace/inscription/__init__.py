"""Online registration as a job seeker in five steps, and the appointment that completes it."""
