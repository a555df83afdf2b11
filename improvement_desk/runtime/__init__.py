"""Where the app keeps its files, how it logs, who is using it, and what day it is."""
