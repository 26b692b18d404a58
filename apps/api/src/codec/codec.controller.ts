import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EncryptionCodec } from '@ttg/codec/payload-codec';
import { payloadCodec, payloadFromJson, payloadToJson, type JsonPayload } from '@ttg/codec/data-converter';
import { z } from 'zod';
import { Allow } from '../auth/decorators';
import { DomainError } from '../common/domain-error';
import { Settings } from '../common/settings';
import { parseInput } from '../common/validation';

const base64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const payloads = z.object({ payloads: z.array(z.object({ metadata: z.record(base64).optional(), data: base64.optional() }).strict()).max(1000) }).strict();

/**
 * Temporal's remote codec protocol, so the Temporal UI (and `temporal … --codec-endpoint`) show
 * workflow payloads decrypted: to a signed-in administrator only (the page cookie, as the UI's
 * browser sends it, or a bearer token). The UI's origin alone may call it across origins
 * (codecCors), which takes JSON bodies only, so no other site can post here without asking first.
 */
@ApiExcludeController()
@Allow('admin.workflows')
@Controller('codec')
export class CodecController {
  private readonly codec: EncryptionCodec;

  constructor(settings: Settings) {
    this.codec = payloadCodec(settings.config.temporal.payloadKeys);
  }

  @Post('decode')
  @HttpCode(200)
  decode(@Body() body: unknown): Promise<{ payloads: JsonPayload[] }> {
    return this.run('decode', body);
  }

  @Post('encode')
  @HttpCode(200)
  encode(@Body() body: unknown): Promise<{ payloads: JsonPayload[] }> {
    return this.run('encode', body);
  }

  private async run(op: 'decode' | 'encode', body: unknown): Promise<{ payloads: JsonPayload[] }> {
    const input = parseInput(payloads, body).payloads.map(payloadFromJson);
    try {
      return { payloads: (await this.codec[op](input)).map(payloadToJson) };
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', `payloads: ${err instanceof Error ? err.message : 'could not be read'}`);
    }
  }
}
