#!/bin/sh
# Starts ${{values.artifact_id}} on port ${{values.http_port}}.
exec java -jar target/${{values.artifact_id}}.jar
