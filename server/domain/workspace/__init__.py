"""A resident group's plan workspace: its state, its aggregate and rules, what a screen
sees of it, its pictures, and the hand-over in and out."""
