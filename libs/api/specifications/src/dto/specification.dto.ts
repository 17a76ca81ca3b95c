import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CLAUSE_CATEGORIES,
  type ClauseCategory,
  EXPORT_FORMATS,
  type ExportFormat,
  type RichTextNode,
} from '@consortio/shared/contracts';
import { PageQueryDto } from '@consortio/api/platform/http';

const KEY = /^[a-z0-9-]{2,60}$/;

export class CreateSpecificationDto {
  @ApiProperty({ example: 'Charging infrastructure: tender specification' })
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'templateId must be the id of a template' })
  templateId!: string;

  @ApiPropertyOptional({ description: 'Let observers of the consortium (such as a ministry) read the draft' })
  @IsOptional()
  @IsBoolean({ message: 'sharedWithObservers must be true or false' })
  sharedWithObservers?: boolean;
}

export class UpdateSpecificationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'sharedWithObservers must be true or false' })
  sharedWithObservers?: boolean;
}

export class TemplateSectionDto {
  @ApiProperty({ example: 'purpose' })
  @Matches(KEY, { message: 'sections.key must be 2 to 60 lower-case letters, digits or dashes' })
  key!: string;

  @ApiProperty()
  @IsString({ message: 'sections.title must be text' })
  @MinLength(2, { message: 'sections.title must be at least 2 characters' })
  @MaxLength(200, { message: 'sections.title must be at most 200 characters' })
  title!: string;

  @ApiProperty()
  @IsString({ message: 'sections.guidance must be text' })
  @MaxLength(2000, { message: 'sections.guidance must be at most 2000 characters' })
  guidance!: string;
}

export class TemplateDto {
  @ApiProperty({ example: 'smart-city-standard' })
  @Matches(KEY, { message: 'key must be 2 to 60 lower-case letters, digits or dashes' })
  key!: string;

  @ApiProperty()
  @IsString({ message: 'name must be text' })
  @MinLength(3, { message: 'name must be at least 3 characters' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string;

  @ApiProperty({ type: [TemplateSectionDto] })
  @IsArray({ message: 'sections must be a list' })
  @ArrayMinSize(1, { message: 'sections must hold at least one section' })
  @ArrayMaxSize(40, { message: 'sections may hold at most 40 sections' })
  @ValidateNested({ each: true })
  @Type(() => TemplateSectionDto)
  sections!: TemplateSectionDto[];
}

export class ClauseDto {
  @ApiProperty({ example: 'gdpr-processor-terms' })
  @Matches(KEY, { message: 'key must be 2 to 60 lower-case letters, digits or dashes' })
  key!: string;

  @ApiProperty()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({ enum: CLAUSE_CATEGORIES })
  @IsIn(CLAUSE_CATEGORIES, { message: `category must be one of ${CLAUSE_CATEGORIES.join(', ')}` })
  category!: ClauseCategory;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(KEY, { message: 'sectionKey must be the key of a template section' })
  sectionKey?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'summary must be text' })
  @MaxLength(500, { message: 'summary must be at most 500 characters' })
  summary?: string;

  @ApiProperty({ description: 'Tiptap/ProseMirror JSON blocks', type: 'array', items: { type: 'object' } })
  @IsArray({ message: 'body must be a list of blocks' })
  @ArrayMinSize(1, { message: 'body must hold at least one block' })
  @ArrayMaxSize(200, { message: 'body may hold at most 200 blocks' })
  @IsObject({ each: true, message: 'each block of body must be an object with a type' })
  body!: RichTextNode[];
}

export class ClauseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CLAUSE_CATEGORIES })
  @IsOptional()
  @IsIn(CLAUSE_CATEGORIES, { message: `category must be one of ${CLAUSE_CATEGORIES.join(', ')}` })
  category?: ClauseCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(KEY, { message: 'sectionKey must be the key of a template section' })
  sectionKey?: string;

  @ApiPropertyOptional({ description: 'Words in the title or summary' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

export class CreateVersionDto {
  @ApiProperty({ example: 'Draft for legal review' })
  @IsString({ message: 'label must be text' })
  @MinLength(1, { message: 'label must not be empty' })
  @MaxLength(200, { message: 'label must be at most 200 characters' })
  label!: string;
}

export class DiffQueryDto {
  @ApiProperty({ description: 'A version id or "current"' })
  @IsString({ message: 'from must be a version id or "current"' })
  from!: string;

  @ApiProperty({ description: 'A version id or "current"' })
  @IsString({ message: 'to must be a version id or "current"' })
  to!: string;
}

export class AnchorDto {
  @ApiProperty({ description: 'Yjs relative position, base64' })
  @IsString({ message: 'anchor.start must be text' })
  @MaxLength(500, { message: 'anchor.start must be at most 500 characters' })
  start!: string;

  @ApiProperty({ description: 'Yjs relative position, base64' })
  @IsString({ message: 'anchor.end must be text' })
  @MaxLength(500, { message: 'anchor.end must be at most 500 characters' })
  end!: string;
}

export class CreateCommentDto {
  @ApiProperty()
  @IsString({ message: 'sectionId must be the id of a section' })
  @MaxLength(100, { message: 'sectionId must be at most 100 characters' })
  sectionId!: string;

  @ApiProperty()
  @IsString({ message: 'body must be text' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10000, { message: 'body must be at most 10000 characters' })
  body!: string;

  @ApiPropertyOptional({ description: 'The passage commented on, as it read' })
  @IsOptional()
  @IsString({ message: 'quote must be text' })
  @MaxLength(2000, { message: 'quote must be at most 2000 characters' })
  quote?: string;

  @ApiPropertyOptional({ type: AnchorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor?: AnchorDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reply to this thread' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be the id of a comment' })
  parentId?: string;

  @ApiPropertyOptional({ type: [String], description: 'User ids of people of the consortium to mention' })
  @IsOptional()
  @IsArray({ message: 'mentions must be a list of user ids' })
  @ArrayMaxSize(20, { message: 'mentions may hold at most 20 people' })
  @IsUUID('all', { each: true, message: 'each mention must be a user id' })
  mentions?: string[];
}

export class CommentQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'sectionId must be the id of a section' })
  sectionId?: string;

  @ApiPropertyOptional({ description: 'true: resolved threads only; false: open ones only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'resolved must be true or false' })
  resolved?: boolean;
}

export class PeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or organisation, case-insensitive' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

export class ResolveCommentDto {
  @ApiProperty()
  @IsBoolean({ message: 'resolved must be true or false' })
  resolved!: boolean;
}

export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;
}
