"""Contains all the data models used in inputs/outputs"""

from .assistant_tool import AssistantTool
from .assistant_tools_code import AssistantToolsCode
from .assistant_tools_file_search import AssistantToolsFileSearch
from .assistant_tools_file_search_type_only import AssistantToolsFileSearchTypeOnly
from .assistant_tools_function import AssistantToolsFunction
from .assistants_named_tool_choice import AssistantsNamedToolChoice
from .assistants_named_tool_choice_type import AssistantsNamedToolChoiceType
from .auto_chunking_strategy import AutoChunkingStrategy
from .chunking_strategy_request_param import ChunkingStrategyRequestParam
from .code_interpreter_call import CodeInterpreterCall
from .code_interpreter_call_delta import CodeInterpreterCallDelta
from .code_interpreter_image import CodeInterpreterImage
from .code_interpreter_image_delta import CodeInterpreterImageDelta
from .code_interpreter_output import CodeInterpreterOutput
from .code_interpreter_output_delta import CodeInterpreterOutputDelta
from .code_interpreter_tool_resources import CodeInterpreterToolResources
from .create_message_request import CreateMessageRequest
from .create_message_request_role import CreateMessageRequestRole
from .create_run_include_item import CreateRunIncludeItem
from .create_run_request import CreateRunRequest
from .create_thread_and_run_request import CreateThreadAndRunRequest
from .create_thread_file_search_tool_resources import CreateThreadFileSearchToolResources
from .create_thread_request import CreateThreadRequest
from .create_thread_tool_resources import CreateThreadToolResources
from .done_event import DoneEvent
from .error import Error
from .error_event import ErrorEvent
from .error_response import ErrorResponse
from .file_citation import FileCitation
from .file_citation_delta import FileCitationDelta
from .file_path import FilePath
from .file_path_delta import FilePathDelta
from .file_search_call import FileSearchCall
from .file_search_ranking_options import FileSearchRankingOptions
from .file_search_ranking_options_ranker import FileSearchRankingOptionsRanker
from .file_search_result import FileSearchResult
from .file_search_result_content import FileSearchResultContent
from .file_search_settings import FileSearchSettings
from .file_search_tool_resources import FileSearchToolResources
from .function_call import FunctionCall
from .function_call_delta import FunctionCallDelta
from .function_object import FunctionObject
from .image_detail import ImageDetail
from .image_file import ImageFile
from .image_file_delta import ImageFileDelta
from .image_url import ImageUrl
from .image_url_delta import ImageUrlDelta
from .json_schema_format import JsonSchemaFormat
from .message_attachment import MessageAttachment
from .message_attachment_tool import MessageAttachmentTool
from .message_completed_event import MessageCompletedEvent
from .message_content import MessageContent
from .message_content_image_file_object import MessageContentImageFileObject
from .message_content_image_url_object import MessageContentImageUrlObject
from .message_content_refusal_object import MessageContentRefusalObject
from .message_content_text_annotations_file_citation_object import MessageContentTextAnnotationsFileCitationObject
from .message_content_text_annotations_file_path_object import MessageContentTextAnnotationsFilePathObject
from .message_content_text_object import MessageContentTextObject
from .message_created_event import MessageCreatedEvent
from .message_creation import MessageCreation
from .message_creation_delta import MessageCreationDelta
from .message_delta import MessageDelta
from .message_delta_content import MessageDeltaContent
from .message_delta_content_image_file_object import MessageDeltaContentImageFileObject
from .message_delta_content_image_url_object import MessageDeltaContentImageUrlObject
from .message_delta_content_refusal_object import MessageDeltaContentRefusalObject
from .message_delta_content_text_annotations_file_citation_object import (
    MessageDeltaContentTextAnnotationsFileCitationObject,
)
from .message_delta_content_text_annotations_file_path_object import MessageDeltaContentTextAnnotationsFilePathObject
from .message_delta_content_text_object import MessageDeltaContentTextObject
from .message_delta_event import MessageDeltaEvent
from .message_delta_object import MessageDeltaObject
from .message_delta_role import MessageDeltaRole
from .message_in_progress_event import MessageInProgressEvent
from .message_incomplete_details import MessageIncompleteDetails
from .message_incomplete_details_reason import MessageIncompleteDetailsReason
from .message_incomplete_event import MessageIncompleteEvent
from .message_object import MessageObject
from .message_object_role import MessageObjectRole
from .message_object_status import MessageObjectStatus
from .message_request_content import MessageRequestContent
from .message_request_content_text_object import MessageRequestContentTextObject
from .message_text import MessageText
from .message_text_delta import MessageTextDelta
from .reasoning_effort import ReasoningEffort
from .response_format import ResponseFormat
from .response_format_json_object import ResponseFormatJsonObject
from .response_format_json_schema import ResponseFormatJsonSchema
from .response_format_text import ResponseFormatText
from .run_cancelled_event import RunCancelledEvent
from .run_cancelling_event import RunCancellingEvent
from .run_completed_event import RunCompletedEvent
from .run_completion_usage import RunCompletionUsage
from .run_created_event import RunCreatedEvent
from .run_expired_event import RunExpiredEvent
from .run_failed_event import RunFailedEvent
from .run_in_progress_event import RunInProgressEvent
from .run_incomplete_details import RunIncompleteDetails
from .run_incomplete_details_reason import RunIncompleteDetailsReason
from .run_incomplete_event import RunIncompleteEvent
from .run_last_error import RunLastError
from .run_last_error_code import RunLastErrorCode
from .run_object import RunObject
from .run_queued_event import RunQueuedEvent
from .run_required_action import RunRequiredAction
from .run_requires_action_event import RunRequiresActionEvent
from .run_status import RunStatus
from .run_step_cancelled_event import RunStepCancelledEvent
from .run_step_completed_event import RunStepCompletedEvent
from .run_step_completion_usage import RunStepCompletionUsage
from .run_step_created_event import RunStepCreatedEvent
from .run_step_delta import RunStepDelta
from .run_step_delta_event import RunStepDeltaEvent
from .run_step_delta_object import RunStepDeltaObject
from .run_step_delta_step_details import RunStepDeltaStepDetails
from .run_step_delta_step_details_message_creation_object import RunStepDeltaStepDetailsMessageCreationObject
from .run_step_delta_step_details_tool_calls_code_object import RunStepDeltaStepDetailsToolCallsCodeObject
from .run_step_delta_step_details_tool_calls_code_output_image_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputImageObject,
)
from .run_step_delta_step_details_tool_calls_code_output_logs_object import (
    RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject,
)
from .run_step_delta_step_details_tool_calls_file_search_object import RunStepDeltaStepDetailsToolCallsFileSearchObject
from .run_step_delta_step_details_tool_calls_function_object import RunStepDeltaStepDetailsToolCallsFunctionObject
from .run_step_delta_step_details_tool_calls_object import RunStepDeltaStepDetailsToolCallsObject
from .run_step_delta_tool_call import RunStepDeltaToolCall
from .run_step_details import RunStepDetails
from .run_step_details_message_creation_object import RunStepDetailsMessageCreationObject
from .run_step_details_tool_call import RunStepDetailsToolCall
from .run_step_details_tool_calls_code_object import RunStepDetailsToolCallsCodeObject
from .run_step_details_tool_calls_code_output_image_object import RunStepDetailsToolCallsCodeOutputImageObject
from .run_step_details_tool_calls_code_output_logs_object import RunStepDetailsToolCallsCodeOutputLogsObject
from .run_step_details_tool_calls_file_search_object import RunStepDetailsToolCallsFileSearchObject
from .run_step_details_tool_calls_function_object import RunStepDetailsToolCallsFunctionObject
from .run_step_details_tool_calls_object import RunStepDetailsToolCallsObject
from .run_step_expired_event import RunStepExpiredEvent
from .run_step_failed_event import RunStepFailedEvent
from .run_step_in_progress_event import RunStepInProgressEvent
from .run_step_last_error import RunStepLastError
from .run_step_last_error_code import RunStepLastErrorCode
from .run_step_object import RunStepObject
from .run_step_object_status import RunStepObjectStatus
from .run_step_object_type import RunStepObjectType
from .run_tool_call_function import RunToolCallFunction
from .run_tool_call_object import RunToolCallObject
from .static_chunking_strategy import StaticChunkingStrategy
from .static_chunking_strategy_request_param import StaticChunkingStrategyRequestParam
from .submit_tool_outputs import SubmitToolOutputs
from .text_annotation import TextAnnotation
from .text_annotation_delta import TextAnnotationDelta
from .thread_created_event import ThreadCreatedEvent
from .thread_object import ThreadObject
from .tool_choice_function import ToolChoiceFunction
from .tool_choice_mode import ToolChoiceMode
from .tool_resources import ToolResources
from .truncation_object import TruncationObject
from .truncation_object_type import TruncationObjectType
from .vector_store_to_create import VectorStoreToCreate

__all__ = (
    "AssistantsNamedToolChoice",
    "AssistantsNamedToolChoiceType",
    "AssistantTool",
    "AssistantToolsCode",
    "AssistantToolsFileSearch",
    "AssistantToolsFileSearchTypeOnly",
    "AssistantToolsFunction",
    "AutoChunkingStrategy",
    "ChunkingStrategyRequestParam",
    "CodeInterpreterCall",
    "CodeInterpreterCallDelta",
    "CodeInterpreterImage",
    "CodeInterpreterImageDelta",
    "CodeInterpreterOutput",
    "CodeInterpreterOutputDelta",
    "CodeInterpreterToolResources",
    "CreateMessageRequest",
    "CreateMessageRequestRole",
    "CreateRunIncludeItem",
    "CreateRunRequest",
    "CreateThreadAndRunRequest",
    "CreateThreadFileSearchToolResources",
    "CreateThreadRequest",
    "CreateThreadToolResources",
    "DoneEvent",
    "Error",
    "ErrorEvent",
    "ErrorResponse",
    "FileCitation",
    "FileCitationDelta",
    "FilePath",
    "FilePathDelta",
    "FileSearchCall",
    "FileSearchRankingOptions",
    "FileSearchRankingOptionsRanker",
    "FileSearchResult",
    "FileSearchResultContent",
    "FileSearchSettings",
    "FileSearchToolResources",
    "FunctionCall",
    "FunctionCallDelta",
    "FunctionObject",
    "ImageDetail",
    "ImageFile",
    "ImageFileDelta",
    "ImageUrl",
    "ImageUrlDelta",
    "JsonSchemaFormat",
    "MessageAttachment",
    "MessageAttachmentTool",
    "MessageCompletedEvent",
    "MessageContent",
    "MessageContentImageFileObject",
    "MessageContentImageUrlObject",
    "MessageContentRefusalObject",
    "MessageContentTextAnnotationsFileCitationObject",
    "MessageContentTextAnnotationsFilePathObject",
    "MessageContentTextObject",
    "MessageCreatedEvent",
    "MessageCreation",
    "MessageCreationDelta",
    "MessageDelta",
    "MessageDeltaContent",
    "MessageDeltaContentImageFileObject",
    "MessageDeltaContentImageUrlObject",
    "MessageDeltaContentRefusalObject",
    "MessageDeltaContentTextAnnotationsFileCitationObject",
    "MessageDeltaContentTextAnnotationsFilePathObject",
    "MessageDeltaContentTextObject",
    "MessageDeltaEvent",
    "MessageDeltaObject",
    "MessageDeltaRole",
    "MessageIncompleteDetails",
    "MessageIncompleteDetailsReason",
    "MessageIncompleteEvent",
    "MessageInProgressEvent",
    "MessageObject",
    "MessageObjectRole",
    "MessageObjectStatus",
    "MessageRequestContent",
    "MessageRequestContentTextObject",
    "MessageText",
    "MessageTextDelta",
    "ReasoningEffort",
    "ResponseFormat",
    "ResponseFormatJsonObject",
    "ResponseFormatJsonSchema",
    "ResponseFormatText",
    "RunCancelledEvent",
    "RunCancellingEvent",
    "RunCompletedEvent",
    "RunCompletionUsage",
    "RunCreatedEvent",
    "RunExpiredEvent",
    "RunFailedEvent",
    "RunIncompleteDetails",
    "RunIncompleteDetailsReason",
    "RunIncompleteEvent",
    "RunInProgressEvent",
    "RunLastError",
    "RunLastErrorCode",
    "RunObject",
    "RunQueuedEvent",
    "RunRequiredAction",
    "RunRequiresActionEvent",
    "RunStatus",
    "RunStepCancelledEvent",
    "RunStepCompletedEvent",
    "RunStepCompletionUsage",
    "RunStepCreatedEvent",
    "RunStepDelta",
    "RunStepDeltaEvent",
    "RunStepDeltaObject",
    "RunStepDeltaStepDetails",
    "RunStepDeltaStepDetailsMessageCreationObject",
    "RunStepDeltaStepDetailsToolCallsCodeObject",
    "RunStepDeltaStepDetailsToolCallsCodeOutputImageObject",
    "RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject",
    "RunStepDeltaStepDetailsToolCallsFileSearchObject",
    "RunStepDeltaStepDetailsToolCallsFunctionObject",
    "RunStepDeltaStepDetailsToolCallsObject",
    "RunStepDeltaToolCall",
    "RunStepDetails",
    "RunStepDetailsMessageCreationObject",
    "RunStepDetailsToolCall",
    "RunStepDetailsToolCallsCodeObject",
    "RunStepDetailsToolCallsCodeOutputImageObject",
    "RunStepDetailsToolCallsCodeOutputLogsObject",
    "RunStepDetailsToolCallsFileSearchObject",
    "RunStepDetailsToolCallsFunctionObject",
    "RunStepDetailsToolCallsObject",
    "RunStepExpiredEvent",
    "RunStepFailedEvent",
    "RunStepInProgressEvent",
    "RunStepLastError",
    "RunStepLastErrorCode",
    "RunStepObject",
    "RunStepObjectStatus",
    "RunStepObjectType",
    "RunToolCallFunction",
    "RunToolCallObject",
    "StaticChunkingStrategy",
    "StaticChunkingStrategyRequestParam",
    "SubmitToolOutputs",
    "TextAnnotation",
    "TextAnnotationDelta",
    "ThreadCreatedEvent",
    "ThreadObject",
    "ToolChoiceFunction",
    "ToolChoiceMode",
    "ToolResources",
    "TruncationObject",
    "TruncationObjectType",
    "VectorStoreToCreate",
)
