"""The baseline of the cold-start benchmark: a minimal Powertools "hello" handler."""

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

logger = Logger(service="hello")
app = APIGatewayHttpResolver()


@app.get("/hello")
def hello():
    return {"message": "hello"}


@logger.inject_lambda_context
def handler(event, context):
    return app.resolve(event, context)
