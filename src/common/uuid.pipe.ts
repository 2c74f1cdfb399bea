import { ParseUUIDPipe } from '@nestjs/common';

/** A path id that is not a UUID names nothing: 404, as an unknown id would (never 400, which would tell ids apart). */
export const uuidParam = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
