"""Rules stage: a license policy's checks over a located copy."""
